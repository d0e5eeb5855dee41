import { fireEvent, screen } from '@testing-library/react';
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

const participant = {
  role: 'participant',
  participant: { exercise_id: 5, team_id: 11 },
  csrf_token: 't',
} as unknown as Session;

const exercise = {
  id: 5,
  workshop_id: 1,
  scenario_version_id: 1,
  title: 'Morning tutorial',
  clock: { status: 'draft', speed: 1, offset_seconds: 0, as_of: '2026-03-02T09:00:00Z' },
  created_at: '2026-03-02T09:00:00Z',
  scenario: { id: 's', version: 1, title: 'S', summary: '', duration_seconds: 900, phases: [], channels: [] },
  current_phase: '',
  teams: [{ id: 11, key: 'nor', name: 'Republic of Norhaven' }],
  viewer: { role: 'participant', team_id: 11, name: 'Nora' },
};

describe('participants', () => {
  it('land in their room from any address, without staff navigation', async () => {
    vi.stubGlobal('EventSource', SilentEventSource);
    mockFetch({
      'GET /api/v1/exercises/5': () => jsonResponse(200, { exercise }),
      'GET /api/v1/exercises/5/briefing': () =>
        jsonResponse(200, { title: 'S', summary: '', teams: [{ team_id: 11, name: 'N', kind: 'state', briefing: 'You play **Norhaven**.', points_of_contact: [] }] }),
    });
    const { router } = renderApp('/scenarios', participant);
    expect(await screen.findByRole('heading', { level: 1, name: 'Republic of Norhaven' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/exercises/5/room');
    expect(screen.queryByRole('navigation', { name: 'Main navigation' })).toBeNull();
    expect(await screen.findByText('Norhaven')).toBeInTheDocument();
    expect(screen.getByRole('timer')).toHaveTextContent('00:00:00');
    expect(screen.getByText('Not started')).toBeInTheDocument();
  });

  it('without a session, the room sends them to the join page with the code field', async () => {
    mockFetch({});
    const { router } = renderApp('/exercises/5/room', null);
    expect(await screen.findByRole('heading', { level: 1, name: 'Join an exercise' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/join');
  });

  it('the join page takes the code from the address', async () => {
    mockFetch({});
    renderApp('/join?code=ABC-123', null);
    expect(await screen.findByLabelText('Join code')).toHaveValue('ABC-123');
  });

  it("the join page shows the server's field error at the field, and takes a long name with a title", async () => {
    const sent: string[] = [];
    mockFetch({
      'POST /api/v1/join': (_url, init) => {
        sent.push(JSON.parse(String(init.body)).name);
        return jsonResponse(422, {
          error: { code: 'validation_failed', message: 'Some fields are not valid.', fields: { name: 'Enter your name (at most 160 characters) so your team knows who writes.' } },
        });
      },
    });
    renderApp('/join?code=ABC-123', null);
    const name = await screen.findByLabelText('Your name');
    expect(name).toHaveAttribute('maxlength', '160');
    const long = 'Ambassador Maria Example-Name, Head of the International Cyber Policy Unit, Ministry of Foreign Affairs';
    fireEvent.change(name, { target: { value: long } });
    fireEvent.click(screen.getByRole('button', { name: 'Join' }));
    const fieldError = await screen.findByText(/at most 160 characters/);
    expect(sent).toEqual([long]);
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name.getAttribute('aria-describedby')).toContain(fieldError.id);
  });

  it('the join page says which field is empty, focuses it, and sends nothing', async () => {
    const fetch = mockFetch({});
    renderApp('/join', null);
    const code = await screen.findByLabelText('Join code');
    fireEvent.change(screen.getByLabelText('Your name'), { target: { value: 'Victor' } });
    fireEvent.click(screen.getByRole('button', { name: 'Join' }));
    expect(code).toHaveAttribute('aria-invalid', 'true');
    expect(code).toHaveFocus();
    expect(screen.getByLabelText('Your name')).not.toHaveAttribute('aria-invalid');
    expect(fetch.mock.calls.filter(([u]) => String(u).includes('/join'))).toHaveLength(0);
    // Typing in the field takes its message away.
    fireEvent.change(code, { target: { value: 'ABC-123' } });
    expect(code).not.toHaveAttribute('aria-invalid');
  });
});
