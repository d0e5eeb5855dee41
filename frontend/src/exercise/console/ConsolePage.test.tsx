import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InjectRow, TriggerRow } from '../api';
import { injectRow, triggerRow } from '../../test/consoleFixtures';
import { jsonResponse, makeUser, mockFetch, renderApp } from '../../test/utils';

/** The console's EventSource, driven by the test. */
class ScriptedEventSource {
  static last: ScriptedEventSource | null = null;
  readyState = 1;
  private listeners = new Map<string, ((e: MessageEvent<string>) => void)[]>();
  private seq = 0;
  constructor(public url: string) {
    ScriptedEventSource.last = this;
  }
  addEventListener(type: string, fn: (e: MessageEvent<string>) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  close() {}
  send(type: string, data: Record<string, unknown>) {
    const e = { seq: ++this.seq, type, at: '2026-03-02T09:01:00Z', offset_seconds: 60, data };
    act(() => {
      for (const fn of this.listeners.get(type) ?? []) fn(new MessageEvent(type, { data: JSON.stringify(e) }));
    });
  }
}

const staff = { user: makeUser({ role: 'facilitator' }), csrf_token: 't' };

const exercise = {
  id: 5,
  workshop_id: 1,
  scenario_version_id: 1,
  title: 'Morning tutorial',
  clock: { status: 'running', speed: 1, offset_seconds: 60, as_of: '2026-03-02T09:00:00Z' },
  created_at: '2026-03-02T09:00:00Z',
  scenario: { id: 's', version: 1, title: 'S', summary: '', duration_seconds: 900, phases: [], channels: [] },
  current_phase: '',
  teams: [{ id: 11, key: 'nor', name: 'Republic of Norhaven' }],
  viewer: { role: 'staff' },
};

const inject = (key: string, title: string, over: Partial<InjectRow> = {}): InjectRow => injectRow(key, { title, ...over });

const decision: TriggerRow = triggerRow('ask-minister', { title: 'Ask the minister?', release: ['statement'] });

function serve(injects: () => InjectRow[]) {
  return mockFetch({
    'GET /api/v1/exercises/5': () => jsonResponse(200, { exercise }),
    'GET /api/v1/exercises/5/injects': () => jsonResponse(200, { injects: injects() }),
    'GET /api/v1/exercises/5/triggers': () => jsonResponse(200, { triggers: [decision] }),
    'GET /api/v1/exercises/5/participants': () => jsonResponse(200, { participants: [] }),
    'GET /api/v1/exercises/5/messages': () => jsonResponse(200, { messages: [], next_before: 0 }),
    'GET /api/v1/exercises/5/commchecks': () => jsonResponse(200, { checks: [] }),
    'GET /api/v1/exercises/5/poc': () => jsonResponse(200, { directory: [] }),
  });
}

// The timeline's row of an inject (its title is also in the header's next injects).
const stateOf = async (title: string) => within((await screen.findByText(title, { selector: 'tr th' })).closest('tr')!);
const gets = (fetch: ReturnType<typeof serve>, path: string) =>
  fetch.mock.calls.filter(([url, init]) => new URL(String(url), 'http://x').pathname === path && (init?.method ?? 'GET') === 'GET').length;

beforeEach(() => vi.stubGlobal('EventSource', ScriptedEventSource));
afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear(); // the chosen tab
});

describe('the console follows the stream', () => {
  it('applies inject, trigger and team events without asking for its lists again', async () => {
    const fetch = serve(() => [
      inject('opening', 'Opening news'),
      inject('statement', 'Minister’s statement', { contingency: true, scheduled_seconds: null, state: 'waiting' }),
      inject('leak', 'The leak', { scheduled_seconds: 300 }),
    ]);
    renderApp('/exercises/5/console', staff);
    await stateOf('Opening news');
    expect(await screen.findByText('Ask the minister?')).toBeInTheDocument();
    const es = ScriptedEventSource.last!;

    es.send('inject.released', { key: 'opening', title: 'Opening news', source: 'schedule', offset_seconds: 60 });
    es.send('inject.held', { key: 'leak', by: 'Ana' });
    es.send('trigger.decided', { key: 'ask-minister', yes: true, by: 'Ana' });
    es.send('trigger.fired', { key: 'ask-minister', releases: ['statement'] });
    es.send('inject.released', { key: 'statement', title: 'Minister’s statement', source: 'trigger', offset_seconds: 61 });
    es.send('inject.released', { key: 'adhoc-q1', title: 'Storm warning', channel: 'email', all: true, source: 'adhoc', offset_seconds: 62 });
    es.send('team.renamed', { team_id: 11, name: 'Norhaven delegation' });

    expect(await (await stateOf('Opening news')).findByText('Released')).toBeInTheDocument();
    expect(await (await stateOf('The leak')).findByText('Held')).toBeInTheDocument();
    expect(await (await stateOf('Minister’s statement')).findByText('Released')).toBeInTheDocument();
    expect(await (await stateOf('Storm warning')).findByText('Released')).toBeInTheDocument();
    const trig = (await screen.findByText('Ask the minister?')).closest('li')!;
    expect(await within(trig).findByText('Fired')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('tab', { name: 'Teams and codes' }));
    expect(await screen.findByRole('heading', { level: 3, name: 'Norhaven delegation' })).toBeInTheDocument();

    expect(gets(fetch, '/api/v1/exercises/5/injects')).toBe(1);
    expect(gets(fetch, '/api/v1/exercises/5/triggers')).toBe(1);
    expect(gets(fetch, '/api/v1/exercises/5')).toBe(1);
  });

  it('asks the server again for what only it knows: the time of an inject back from held', async () => {
    let held = true;
    const fetch = serve(() => [
      held ? inject('leak', 'The leak', { state: 'held', scheduled_seconds: null }) : inject('leak', 'The leak', { scheduled_seconds: 300 }),
    ]);
    renderApp('/exercises/5/console', staff);
    expect(await (await stateOf('The leak')).findByText('Held')).toBeInTheDocument();

    held = false;
    ScriptedEventSource.last!.send('inject.unheld', { key: 'leak', by: 'Ana' });
    expect(await (await stateOf('The leak')).findByText('Pending')).toBeInTheDocument();
    expect(await (await stateOf('The leak')).findByText('00:05:00')).toBeInTheDocument();
    await waitFor(() => expect(gets(fetch, '/api/v1/exercises/5/injects')).toBe(2));
  });

  it('applies an event that arrives while its list is on the way to the list that comes', async () => {
    let answer: (rows: InjectRow[]) => void = () => {};
    mockFetch({
      'GET /api/v1/exercises/5': () => jsonResponse(200, { exercise }),
      'GET /api/v1/exercises/5/injects': () =>
        new Promise<Response>((resolve) => {
          answer = (rows) => resolve(jsonResponse(200, { injects: rows }));
        }),
      'GET /api/v1/exercises/5/triggers': () => jsonResponse(200, { triggers: [] }),
    });
    renderApp('/exercises/5/console', staff);
    expect(await screen.findByRole('heading', { name: 'Inject timeline' })).toBeInTheDocument();
    ScriptedEventSource.last!.send('inject.released', { key: 'opening', title: 'Opening news', source: 'schedule', offset_seconds: 60 });
    expect(await screen.findByText(/“Opening news” reached/)).toBeInTheDocument(); // in the live log: the page has the event
    // The answer the server computed before the release.
    act(() => answer([inject('opening', 'Opening news')]));
    expect(await (await stateOf('Opening news')).findByText('Released')).toBeInTheDocument();
  });
});
