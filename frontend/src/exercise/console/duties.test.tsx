import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { injectRow, triggerRow } from '../../test/consoleFixtures';
import { jsonResponse, makeUser, mockFetch, renderApp } from '../../test/utils';
import type { StaffAct } from '../duty';

/** An EventSource the test drives, to start a phase (its close and share buttons). */
class ScriptedEventSource {
  static last: ScriptedEventSource | null = null;
  readyState = 1;
  private listeners = new Map<string, ((e: MessageEvent<string>) => void)[]>();
  constructor(public url: string) {
    ScriptedEventSource.last = this;
  }
  addEventListener(type: string, fn: (e: MessageEvent<string>) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  close() {}
  send(type: string, data: Record<string, unknown>) {
    const e = { seq: 1, type, at: '2026-03-02T09:01:00Z', offset_seconds: 60, data };
    act(() => {
      for (const fn of this.listeners.get(type) ?? []) fn(new MessageEvent(type, { data: JSON.stringify(e) }));
    });
  }
}

// What the server's table (backend/internal/workshop/duties.go) allows each duty.
const CONTROL: StaffAct[] = ['adhoc_inject', 'clock', 'comm_check', 'control_cell', 'create_exercise', 'inject', 'note', 'participant', 'phase', 'team', 'trigger'];
const JUDGE: StaffAct[] = ['assess', 'evidence', 'improvement', 'note', 'publish', 'retag', 'score'];
const ACTS = { lead: [...new Set([...CONTROL, ...JUDGE])], controller: CONTROL, evaluator: JUDGE } as const;
type Duty = keyof typeof ACTS;

const exerciseFor = (duty: Duty) => ({
  id: 5,
  workshop_id: 1,
  scenario_version_id: 1,
  title: 'Morning tutorial',
  clock: { status: 'running', speed: 1, offset_seconds: 60, as_of: '2026-03-02T09:00:00Z' },
  created_at: '2026-03-02T09:00:00Z',
  scenario: { id: 's', version: 1, title: 'S', summary: '', duration_seconds: 900, phases: [], channels: [] },
  current_phase: '',
  teams: [{ id: 11, key: 'nor', name: 'Republic of Norhaven', join_code: 'K7PMA-3QXDW', join_path: '/join?code=K7PMA-3QXDW' }],
  observer_code: 'OBSRV-12345',
  viewer: { role: 'staff', duty, acts: [...ACTS[duty]] },
});

const message = {
  id: 9,
  from: 11,
  from_name: 'Ana',
  to: [],
  to_control: true,
  all: false,
  channel: 'poc_hotline',
  subject: 'Phishing servers',
  body: 'Please look.',
  cbms: ['8'],
  kind: '',
  sent_at: '2026-03-02T09:01:00Z',
  offset_seconds: 60,
};

function serve(duty: Duty) {
  return mockFetch({
    'GET /api/v1/exercises/5': () => jsonResponse(200, { exercise: exerciseFor(duty) }),
    'GET /api/v1/exercises/5/injects': () => jsonResponse(200, { injects: [injectRow('leak', { title: 'The leak' })] }),
    'GET /api/v1/exercises/5/triggers': () => jsonResponse(200, { triggers: [triggerRow('ask', { title: 'Ask the minister?' })] }),
    'GET /api/v1/exercises/5/participants': () =>
      jsonResponse(200, {
        participants: [{ id: 3, name: 'Boris', team_id: 11, joined_at: '2026-03-02T09:00:00Z', removed_at: null, connected: true }],
      }),
    'GET /api/v1/exercises/5/messages': () => jsonResponse(200, { messages: [message], next_before: 0 }),
    'GET /api/v1/exercises/5/commchecks': () => jsonResponse(200, { checks: [] }),
    'GET /api/v1/exercises/5/poc': () => jsonResponse(200, { directory: [] }),
    'GET /api/v1/cbms': () => jsonResponse(200, { catalogues: [] }),
  });
}

/** Renders the console as a staff member of the given duty, with a phase started. */
async function consoleAs(duty: Duty) {
  serve(duty);
  renderApp('/exercises/5/console', { user: makeUser({ role: 'facilitator' }), csrf_token: 't' });
  await screen.findByText('The leak', { selector: 'tr th' });
  await screen.findByText('Ask the minister?');
  await screen.findAllByText('Phishing servers');
  await screen.findAllByText(/Boris/);
  ScriptedEventSource.last!.send('phase.started', { key: 'p1', title: 'First incident', clock: '', situation: '', questions: [] });
  await screen.findByRole('heading', { name: /First incident/, hidden: true }); // in the answers' tab
}

/** Shows the console's tab of that name. */
const openTab = (name: string) => fireEvent.click(screen.getByRole('tab', { name: new RegExp(`^${name}`) }));

const controls = {
  clock: () => screen.queryByRole('heading', { name: 'Clock' }),
  pause: () => screen.queryByRole('button', { name: 'Pause' }),
  release: () => screen.queryByRole('button', { name: 'Release now' }),
  releaseNext: () => screen.queryByRole('button', { name: 'Release now: The leak' }),
  decide: () => screen.queryByRole('group', { name: 'Decision on Ask the minister?' }),
  adHoc: () => screen.queryByRole('heading', { name: 'Ad-hoc inject' }),
  closePhase: () => screen.queryByRole('button', { name: 'Close answers' }),
  rename: () => screen.queryByRole('button', { name: 'Rename' }),
  newCode: () => screen.queryByRole('button', { name: 'New code' }),
  remove: () => screen.queryByRole('button', { name: 'Remove Boris' }),
  commCheck: () => screen.queryByRole('button', { name: 'Send comm check' }),
  retag: () => screen.queryByRole('button', { name: /Correct CBM tags/ }),
  notes: () => screen.queryByRole('heading', { name: 'Facilitator notes' }),
};
type Control = keyof typeof controls;

/** The controls on screen, in the header or in any of the console's tabs. */
const shown = () => {
  const found = new Set<Control>();
  for (const tab of screen.getAllByRole('tab')) {
    fireEvent.click(tab);
    for (const k of Object.keys(controls) as Control[]) if (controls[k]() !== null) found.add(k);
  }
  return [...found].sort();
};

beforeEach(() => vi.stubGlobal('EventSource', ScriptedEventSource));
afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear(); // the chosen tab
});

describe('the console shows what the duty allows', () => {
  it('gives an evaluator no clock, inject, trigger, phase or team controls, but notes and tag correction', async () => {
    await consoleAs('evaluator');
    expect(shown()).toEqual(['notes', 'retag']);
    // The evaluator still reads everything staff read, and is told why.
    openTab('Triggers');
    expect(screen.getByRole('heading', { name: 'Triggers' })).toBeInTheDocument();
    openTab('Teams');
    expect(screen.getByText('OBSRV-12345')).toBeVisible();
    expect(screen.getByText(/In this workshop you observe and score/)).toBeInTheDocument();
  });

  it('gives a controller every control of the play but no tag correction', async () => {
    await consoleAs('controller');
    expect(shown()).toEqual(
      ['adHoc', 'clock', 'closePhase', 'commCheck', 'decide', 'newCode', 'notes', 'pause', 'release', 'releaseNext', 'remove', 'rename'].sort(),
    );
    expect(screen.getByText(/you run the clock, the injects and the control cell/)).toBeInTheDocument();
  });

  it('gives the lead facilitator everything, without a note on duties', async () => {
    await consoleAs('lead');
    expect(shown()).toEqual((Object.keys(controls) as Control[]).sort());
    expect(document.querySelector('.ex-duty-note')).toBeNull();
  });
});

describe('the scoring page', () => {
  it('has no scoring controls for a controller', async () => {
    serve('controller');
    renderApp('/exercises/5/scoring', { user: makeUser({ role: 'facilitator' }), csrf_token: 't' });
    const note = await screen.findByTestId('scoring-not-yours');
    expect(within(note).getByText(/you are a controller/)).toBeInTheDocument();
    expect(within(note).getByRole('link', { name: /Read the scores in the report/ })).toHaveAttribute('href', '/exercises/5/report');
    expect(screen.queryByRole('button', { name: 'Save score' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Publish the report' })).toBeNull();
  });
});
