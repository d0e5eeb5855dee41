import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '../../api/types';
import { injectRow, triggerRow } from '../../test/consoleFixtures';
import { jsonResponse, makeUser, mockFetch, renderApp } from '../../test/utils';
import type { StaffAct } from '../duty';
import { openRequestCount, pendingDecisionCount, unacknowledgedCount } from './attention';
import { formatToGo, nextInjects } from './NextInjects';

class SilentEventSource {
  readyState = 0;
  constructor(public url: string) {}
  addEventListener() {}
  close() {}
}

const staff = { user: makeUser({ role: 'facilitator' }), csrf_token: 't' };
const observer = { role: 'observer', participant: { exercise_id: 5, team_id: 0 }, csrf_token: 't' } as unknown as Session;
const EVALUATOR: StaffAct[] = ['assess', 'evidence', 'improvement', 'note', 'publish', 'retag', 'score'];

// Paused at 0:01:00, so that the time to go stands still during the test.
const exerciseWith = (over: Record<string, unknown> = {}) => ({
  id: 5,
  workshop_id: 1,
  scenario_version_id: 1,
  title: 'Morning tutorial',
  clock: { status: 'paused', speed: 1, offset_seconds: 60, as_of: '2026-03-02T09:00:00Z' },
  created_at: '2026-03-02T09:00:00Z',
  scenario: { id: 's', version: 1, title: 'S', summary: '', duration_seconds: 900, phases: [], channels: [] },
  current_phase: '',
  teams: [
    { id: 11, key: 'nor', name: 'Republic of Norhaven' },
    { id: 12, key: 'val', name: 'Republic of Valdoria' },
  ],
  viewer: { role: 'staff' },
  ...over,
});

const injects = [
  injectRow('welcome', { title: 'Welcome', state: 'released', scheduled_seconds: 0, released_seconds: 0 }),
  injectRow('hoster', { title: 'Call from the hoster', scheduled_seconds: 420 }),
  injectRow('phishing', { title: 'Phishing report', scheduled_seconds: 300 }),
  injectRow('entry', { title: 'Your entry is empty', scheduled_seconds: 50 }),
  injectRow('statement', { title: 'Minister’s statement', state: 'held', scheduled_seconds: null }),
  injectRow('hint', { title: 'A hint', state: 'waiting', scheduled_seconds: null, contingency: true }),
];

const message = (id: number, over: Record<string, unknown>) => ({
  id,
  from: 11,
  from_name: 'Nora',
  to: [12],
  to_control: false,
  all: false,
  channel: 'consultation_request',
  subject: `Request ${id}`,
  body: 'Please.',
  cbms: ['3'],
  kind: 'consultation',
  sent_at: '2026-03-02T09:01:00Z',
  offset_seconds: 60,
  ...over,
});

const team = (team_id: number, acknowledged: boolean) => ({ team_id, team: `Team ${team_id}`, acknowledged });

function serve(exercise = exerciseWith()) {
  const posts: string[] = [];
  const post = (path: string) => () => {
    posts.push(path);
    return jsonResponse(204);
  };
  mockFetch({
    'GET /api/v1/exercises/5': () => jsonResponse(200, { exercise }),
    'GET /api/v1/exercises/5/injects': () => jsonResponse(200, { injects }),
    'GET /api/v1/exercises/5/triggers': () =>
      jsonResponse(200, {
        triggers: [triggerRow('ask', { title: 'Ask the minister?' }), triggerRow('done', { title: 'Decided', decision: true })],
      }),
    'GET /api/v1/exercises/5/participants': () => jsonResponse(200, { participants: [] }),
    'GET /api/v1/exercises/5/messages': () =>
      jsonResponse(200, {
        messages: [message(1, {}), message(2, { status: 'answered' }), message(3, { kind: '', channel: 'poc_hotline' })],
        next_before: 0,
      }),
    'GET /api/v1/exercises/5/commchecks': () =>
      jsonResponse(200, {
        checks: [
          { id: 1, text: 'First', sent_at: '2026-03-02T09:00:10Z', offset_seconds: 10, teams: [team(11, false), team(12, false)] },
          { id: 4, text: 'Latest', sent_at: '2026-03-02T09:00:40Z', offset_seconds: 40, teams: [team(11, true), team(12, false)] },
        ],
      }),
    'GET /api/v1/exercises/5/poc': () => jsonResponse(200, { directory: [] }),
    'GET /api/v1/cbms': () => jsonResponse(200, { catalogues: [] }),
    'POST /api/v1/exercises/5/injects/entry/release': post('/injects/entry/release'),
    'POST /api/v1/exercises/5/injects/entry/hold': post('/injects/entry/hold'),
    'POST /api/v1/exercises/5/resume': post('/resume'),
  });
  return posts;
}

const nextRegion = () => screen.findByRole('region', { name: 'Next injects' });
const items = async () => within(await nextRegion()).findAllByRole('listitem');

beforeEach(() => vi.stubGlobal('EventSource', SilentEventSource));
afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
  localStorage.clear();
});

describe('what comes next', () => {
  it('is the held injects, then the pending ones by time, three of them', () => {
    expect(nextInjects(injects).map((r) => r.key)).toEqual(['statement', 'entry', 'phishing']);
    expect(nextInjects(injects, 10).map((r) => r.key)).toEqual(['statement', 'entry', 'phishing', 'hoster']);
  });

  it('counts down in minutes and seconds, hours when far', () => {
    expect(formatToGo(240)).toBe('4:00');
    expect(formatToGo(9.2)).toBe('0:10');
    expect(formatToGo(3725)).toBe('1:02:05');
  });
});

describe('what needs attention', () => {
  it('counts open requests, teams behind on the latest check and decisions awaited', () => {
    const m = (over: Record<string, unknown>) => message(1, over) as unknown as Parameters<typeof openRequestCount>[0][number];
    expect(openRequestCount([m({}), m({ status: 'acknowledged' }), m({ status: 'answered' }), m({ status: 'declined' }), m({ kind: '' })])).toBe(2);
    const c = (id: number, acks: boolean[]) => ({ id, text: '', sent_at: '', offset_seconds: 0, teams: acks.map((a, i) => team(i, a)) });
    expect(unacknowledgedCount([c(4, [true, false]), c(1, [false, false])])).toBe(1);
    expect(unacknowledgedCount([])).toBe(0);
    const tr = [triggerRow('a'), triggerRow('b', { decision: false }), triggerRow('c', { fired: true })];
    expect(pendingDecisionCount([...tr, triggerRow('d', { condition: { ...triggerRow('d').condition, type: 'no_message' } })])).toBe(1);
  });
});

describe('the console header', () => {
  it('shows the next three injects with the time to go and the actions, above the tabs', async () => {
    const posts = serve();
    renderApp('/exercises/5/console', staff);
    const rows = await items();
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringMatching(/^no time setHeld.*Minister’s statement/),
      expect.stringMatching(/^due now · 00:00:50.*Your entry is empty/),
      expect.stringMatching(/^in 4:00 · 00:05:00.*Phishing report/),
    ]);
    expect(within(rows[0]!).getByRole('button', { name: 'Unhold: Minister’s statement' })).toBeInTheDocument();
    await userEvent.setup().click(within(rows[1]!).getByRole('button', { name: 'Hold: Your entry is empty' }));
    await waitFor(() => expect(posts).toEqual(['/injects/entry/hold']));
    // The header is outside the tabs: it stays whichever tab is shown.
    expect(screen.getByRole('tablist').contains(await nextRegion())).toBe(false);
  });

  it('has single-key shortcuts, not while typing, and a switch to turn them off', async () => {
    const user = userEvent.setup();
    const posts = serve();
    renderApp('/exercises/5/console', staff);
    await items();
    const resume = screen.getByRole('button', { name: 'Resume' });
    expect(resume).toHaveAttribute('aria-keyshortcuts', 'P');
    expect(screen.getByRole('button', { name: 'Release now: Your entry is empty' })).toHaveAttribute('aria-keyshortcuts', 'R');
    // R releases the next inject due, not one held on purpose.
    expect(screen.getByRole('button', { name: 'Release now: Phishing report' })).not.toHaveAttribute('aria-keyshortcuts');
    expect(screen.getByRole('button', { name: 'Release now: Minister’s statement' })).not.toHaveAttribute('aria-keyshortcuts');

    await user.keyboard('r');
    await waitFor(() => expect(posts).toEqual(['/injects/entry/release']));
    await user.keyboard('p');
    await waitFor(() => expect(posts).toEqual(['/injects/entry/release', '/resume']));

    // Typing a note types, and nothing else.
    await user.click(screen.getByRole('tab', { name: 'Notes' }));
    await user.type(screen.getByLabelText('Note'), 'pr');
    expect(screen.getByLabelText('Note')).toHaveValue('pr');

    await user.click(screen.getByRole('checkbox', { name: 'Keyboard shortcuts' }));
    await user.click(screen.getByRole('tab', { name: 'Notes' })); // focus off the checkbox
    await user.keyboard('rp');
    expect(resume).not.toHaveAttribute('aria-keyshortcuts');
    expect(posts).toEqual(['/injects/entry/release', '/resume']);
    expect(localStorage.getItem('cbmex.console.shortcuts')).toBe('off');
  });

  it('counts what needs attention on the tabs', async () => {
    serve();
    renderApp('/exercises/5/console', staff);
    expect(await screen.findByRole('tab', { name: 'Requests (1 open request)' })).toBeInTheDocument();
    expect(await screen.findByRole('tab', { name: 'Contacts and checks (1 team has not acknowledged the latest communication check)' })).toBeInTheDocument();
    expect(await screen.findByRole('tab', { name: 'Triggers (1 trigger waits for a decision)' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Injects' })).toHaveAttribute('aria-selected', 'true');
  });

  it('gives an evaluator the next injects to read, without buttons, shortcuts or a decision to wait for', async () => {
    serve(exerciseWith({ viewer: { role: 'staff', duty: 'evaluator', acts: EVALUATOR } }));
    renderApp('/exercises/5/console', staff);
    const rows = await items();
    expect(rows).toHaveLength(3);
    expect(within(await nextRegion()).queryAllByRole('button')).toEqual([]);
    expect(screen.queryByRole('checkbox', { name: 'Keyboard shortcuts' })).toBeNull();
    expect(await screen.findByRole('tab', { name: /^Requests \(1/ })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Triggers' })).toBeInTheDocument();
  });

  it('shows observers the clock but not the injects to come', async () => {
    mockFetch({
      'GET /api/v1/exercises/5': () => jsonResponse(200, { exercise: exerciseWith({ viewer: { role: 'observer', name: 'Olga' } }) }),
      'GET /api/v1/exercises/5/injects': () => jsonResponse(200, { injects: [] }),
      'GET /api/v1/exercises/5/messages': () => jsonResponse(200, { messages: [], next_before: 0 }),
      'GET /api/v1/exercises/5/commchecks': () => jsonResponse(200, { checks: [] }),
      'GET /api/v1/exercises/5/poc': () => jsonResponse(200, { directory: [] }),
    });
    renderApp('/exercises/5/observe', observer);
    expect(await screen.findByRole('timer')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Next injects' })).toBeNull();
    expect(screen.queryByRole('tab', { name: /Triggers|Notes|Ad-hoc/ })).toBeNull();
    expect(screen.getByRole('tab', { name: 'Injects' })).toHaveAttribute('aria-selected', 'true');
  });

  it('opens on the teams and their join codes before the start', async () => {
    serve(exerciseWith({ clock: { status: 'draft', speed: 1, offset_seconds: 0, as_of: '2026-03-02T09:00:00Z' } }));
    renderApp('/exercises/5/console', staff);
    expect(await screen.findByRole('tab', { name: 'Teams and codes' })).toHaveAttribute('aria-selected', 'true');
    expect(within(await nextRegion()).getAllByRole('listitem')[1]).toHaveTextContent(/^in 0:50 · 00:00:50/);
  });
});
