import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '../api/types';
import { jsonResponse, mockFetch, renderApp } from '../test/utils';

class SilentEventSource {
  readyState = 0;
  constructor(public url: string) {}
  addEventListener() {}
  close() {}
}

afterEach(() => vi.unstubAllGlobals());

const observer = {
  role: 'observer',
  participant: { exercise_id: 5, team_id: 0 },
  csrf_token: 't',
} as unknown as Session;

const exercise = {
  id: 5,
  workshop_id: 1,
  scenario_version_id: 1,
  title: 'Morning tutorial',
  clock: { status: 'running', speed: 1, offset_seconds: 400, as_of: '2026-03-02T09:00:00Z' },
  created_at: '2026-03-02T09:00:00Z',
  scenario: { id: 's', version: 1, title: 'S', summary: '', duration_seconds: 900, phases: [], channels: [] },
  current_phase: '',
  teams: [
    { id: 11, key: 'nor', name: 'Republic of Norhaven' },
    { id: 12, key: 'val', name: 'Republic of Valdoria' },
  ],
  viewer: { role: 'observer', name: 'Olga' },
};

// What the server gives an observer for /injects: the released injects, not the MSEL.
const released = {
  key: 'valdoria-phishing',
  title: 'VAL-CERT: phishing wave',
  phase: 'first-incident',
  channel: 'intelligence_report',
  from: 'VAL-CERT',
  body: 'Restricted.',
  teams: [12],
  all: false,
  source: 'schedule',
  late: false,
  due_seconds: 300,
  offset_seconds: 300,
};

describe('observers', () => {
  it('watch the released injects and never ask for the staff-only lists', async () => {
    vi.stubGlobal('EventSource', SilentEventSource);
    const fetch = mockFetch({
      'GET /api/v1/exercises/5': () => jsonResponse(200, { exercise }),
      'GET /api/v1/exercises/5/injects': () => jsonResponse(200, { injects: [released] }),
      'GET /api/v1/exercises/5/messages': () => jsonResponse(200, { messages: [], next_before: 0 }),
      'GET /api/v1/exercises/5/commchecks': () => jsonResponse(200, { checks: [] }),
      'GET /api/v1/exercises/5/poc': () => jsonResponse(200, { directory: [] }),
    });
    renderApp('/exercises/5/observe', observer);
    const row = (await screen.findByText('VAL-CERT: phishing wave')).closest('tr')!;
    expect(within(row).getByText('Released')).toBeInTheDocument();
    expect(within(row).getByText('Republic of Valdoria')).toBeInTheDocument();
    expect(screen.getByText(/once the facilitators share them/)).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Triggers' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Facilitator notes' })).toBeNull();
    expect(screen.getByRole('link', { name: 'After-action report' })).toHaveAttribute('href', '/exercises/5/report');
    const asked = fetch.mock.calls.map(([url]) => String(url));
    expect(asked.some((u) => u.includes('/triggers') || u.includes('/participants'))).toBe(false);
  });

  it('read the published report in the guest frame, with a way back to their view', async () => {
    mockFetch({
      'GET /api/v1/exercises/5': () => jsonResponse(200, { exercise }),
      'GET /api/v1/exercises/5/report': () =>
        jsonResponse(403, { error: { code: 'report_not_published', message: 'Not yet.' } }),
    });
    const { router } = renderApp('/exercises/5/report', observer);
    expect(await screen.findByText(/not published the report yet/)).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/exercises/5/report');
    expect(screen.getByRole('link', { name: 'Back to the exercise' })).toHaveAttribute('href', '/exercises/5/observe');
  });
});
