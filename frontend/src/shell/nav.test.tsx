import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, makeUser, mockFetch, renderApp } from '../test/utils';
import { navItemsFor } from './nav';

afterEach(() => vi.unstubAllGlobals());

function navLinks(): string[] {
  const nav = screen.getByRole('navigation', { name: 'Main navigation' });
  return within(nav)
    .getAllByRole('link')
    .map((a) => a.textContent ?? '');
}

describe('role-based navigation', () => {
  it('gives admins Home, Workshops, Scenarios, Dashboard and Users', () => {
    expect(navItemsFor('admin').map((i) => i.to)).toEqual(['/', '/workshops', '/scenarios', '/dashboard', '/users']);
  });

  it('gives facilitators Home, Workshops, Scenarios and Dashboard only', () => {
    expect(navItemsFor('facilitator').map((i) => i.to)).toEqual(['/', '/workshops', '/scenarios', '/dashboard']);
  });

  it('renders the Users link for an admin', async () => {
    mockFetch({ 'GET /api/v1/users': () => jsonResponse(200, { users: [] }) });
    renderApp('/', { user: makeUser({ role: 'admin' }), csrf_token: 't' });
    await screen.findByRole('navigation', { name: 'Main navigation' }); // the shell loads on first use
    expect(navLinks()).toEqual(['Home', 'Workshops', 'Scenarios', 'Dashboard', 'Users']);
  });

  it('hides the Users link from a facilitator and refuses the users page', async () => {
    const fetchMock = mockFetch({});
    renderApp('/users', { user: makeUser({ id: 2, role: 'facilitator' }), csrf_token: 't' });
    await screen.findByRole('navigation', { name: 'Main navigation' });
    expect(navLinks()).toEqual(['Home', 'Workshops', 'Scenarios', 'Dashboard']);
    expect(screen.getByRole('heading', { level: 1, name: 'Access refused' })).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('shows the admin the users page with the list from the server', async () => {
    const admin = makeUser({ role: 'admin' });
    const fac = makeUser({ id: 2, email: 'fac@example.org', name: 'Fac', role: 'facilitator' });
    mockFetch({ 'GET /api/v1/users': () => jsonResponse(200, { users: [admin, fac] }) });
    renderApp('/users', { user: admin, csrf_token: 't' });
    expect(await screen.findByRole('rowheader', { name: /fac@example\.org/ })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Role of fac@example.org' })).toHaveValue('facilitator');
  });

  it('marks the current page in the navigation', async () => {
    mockFetch({});
    renderApp('/scenarios', { user: makeUser({ role: 'facilitator' }), csrf_token: 't' });
    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).getByRole('link', { name: 'Scenarios' })).toHaveAttribute('aria-current', 'page');
    expect(await screen.findByRole('heading', { level: 1, name: 'Scenarios' })).toBeInTheDocument();
  });

  it('shows a not-found page for unknown paths', () => {
    mockFetch({});
    renderApp('/no/such/page', null);
    expect(screen.getByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
  });
});

describe('expired session', () => {
  it('goes to sign-in when the server answers 401 to any request', async () => {
    mockFetch({
      'GET /api/v1/users': () =>
        jsonResponse(401, { error: { code: 'unauthenticated', message: 'Please sign in.' } }),
    });
    renderApp('/users', { user: makeUser({ role: 'admin' }), csrf_token: 't' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
  });
});
