import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { vi } from 'vitest';
import { createQueryClient } from '../api/queryClient';
import type { Role, Session, User } from '../api/types';
import { AppRoutes } from '../App';
import { forgetSession, sessionQuery } from '../auth/session';

export function makeUser(overrides: Partial<User> = {}): User {
  return {
    id: 1,
    email: 'ana@example.org',
    name: 'Ana',
    role: 'admin' as Role,
    disabled: false,
    created_at: '2026-01-02T03:04:05Z',
    updated_at: '2026-01-02T03:04:05Z',
    ...overrides,
  };
}

export function jsonResponse(status: number, body?: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
  });
}

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;

/** Replaces global fetch with a router of `METHOD /path` → handler; unknown routes answer 404. */
export function mockFetch(routes: Record<string, Handler>) {
  const fn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const path = new URL(url, 'http://localhost').pathname;
    const key = `${(init.method ?? 'GET').toUpperCase()} ${path}`;
    const handler = routes[key];
    if (!handler) return jsonResponse(404, { error: { code: 'not_found', message: `no mock for ${key}` } });
    return handler(url, init);
  });
  vi.stubGlobal('fetch', fn);
  return fn;
}

/**
 * Renders the whole route tree at `route`, with the session already known (or signed out).
 * A staff session may leave out `role`: it is the user's, as /auth/me answers.
 */
export function renderApp(route: string, session: Session | (Omit<Session, 'role'> & { user: User }) | null) {
  const client = createQueryClient({ onUnauthenticated: forgetSession });
  client.setDefaultOptions({ queries: { retry: false, staleTime: Infinity } });
  client.setQueryData(sessionQuery.queryKey, session && 'role' in session ? session : session && { role: session.user.role, ...session });
  const router = createMemoryRouter([{ path: '*', element: <AppRoutes /> }], { initialEntries: [route] });
  const utils = render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { ...utils, client, router };
}
