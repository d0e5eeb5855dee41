import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, makeUser, mockFetch, renderApp } from '../test/utils';

afterEach(() => vi.unstubAllGlobals());

const clock = (status: string) => ({ status, speed: 1, offset_seconds: 0, as_of: '2026-11-27T10:00:00Z' });
const workshop = { id: 7, title: 'Demonstration workshop', host_organisation: '', place: '', starts_on: '', ends_on: '', language: 'en',
  participants: [], facilitator_ids: [1], staff: [{ user_id: 1, duty: 'lead' }], attribution: null,
  created_at: '2026-11-27T10:00:00Z', updated_at: '2026-11-27T10:00:00Z' };
const exercise = (id: number, title: string, status: string) => ({ id, workshop_id: 7, scenario_version_id: 1, title, clock: clock(status),
  created_at: '2026-11-27T10:00:00Z' });

describe('home: the next step', () => {
  it('shows the tutorial ready to start, a running exercise and one to score, with where to go', async () => {
    mockFetch({
      'GET /api/v1/workshops': () => jsonResponse(200, { workshops: [workshop] }),
      'GET /api/v1/workshops/7': () =>
        jsonResponse(200, { workshop, exercises: [exercise(1, 'Tutorial: first contact', 'draft'), exercise(2, 'Grid cascade', 'running'), exercise(3, 'Cable cut', 'ended')] }),
    });
    renderApp('/', { user: makeUser({ role: 'admin' }), csrf_token: 't' });
    const ready = await screen.findByRole('region', { name: 'Ready to start' });
    expect(within(ready).getByRole('link', { name: 'Open the console: Tutorial: first contact' })).toHaveAttribute('href', '/exercises/1/console');
    const live = screen.getByRole('region', { name: 'Running now' });
    expect(within(live).getByRole('link', { name: 'Open the console: Grid cascade' })).toHaveAttribute('href', '/exercises/2/console');
    const ended = screen.getByRole('region', { name: 'Ended: score and report' });
    expect(within(ended).getByRole('link', { name: 'Score: Cable cut' })).toHaveAttribute('href', '/exercises/3/scoring');
    const first = screen.getByRole('region', { name: 'Run your first exercise' });
    expect(within(first).getByRole('link', { name: /Create a workshop/ })).toHaveAttribute('href', '/workshops');
    expect(within(first).getByRole('link', { name: /Manage the accounts/ })).toHaveAttribute('href', '/users');
  });

  it('tells a facilitator with no workshop to ask an administrator', async () => {
    mockFetch({ 'GET /api/v1/workshops': () => jsonResponse(200, { workshops: [] }) });
    renderApp('/', { user: makeUser({ id: 2, role: 'facilitator' }), csrf_token: 't' });
    expect(await screen.findByText(/ask an administrator to add you/)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Manage the accounts/ })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open your workshop' })).toHaveAttribute('href', '/workshops');
  });
});
