import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { injectRow } from '../../test/consoleFixtures';
import { jsonResponse, makeUser, mockFetch, renderApp } from '../../test/utils';
import { overtakenBy } from './JumpDialog';

const staff = { user: makeUser({ role: 'facilitator' }), csrf_token: 't' };

// Paused at 0:01:00, so the time the jump starts from does not move during the test.
const exercise = {
  id: 5,
  workshop_id: 1,
  scenario_version_id: 1,
  title: 'Morning tutorial',
  clock: { status: 'paused', speed: 1, offset_seconds: 60, as_of: '2026-03-02T09:00:00Z' },
  created_at: '2026-03-02T09:00:00Z',
  scenario: {
    id: 's',
    version: 1,
    title: 'S',
    summary: '',
    duration_seconds: 900,
    phases: [
      { key: 'start', title: 'Getting started', clock: '', starts_at_seconds: 0 },
      { key: 'talk', title: 'Talking it through', clock: '', starts_at_seconds: 600 },
    ],
    channels: [],
  },
  current_phase: 'start',
  teams: [{ id: 11, key: 'nor', name: 'Republic of Norhaven' }],
  viewer: { role: 'staff' },
};

const injects = [
  injectRow('welcome', { title: 'Welcome', state: 'released', scheduled_seconds: null, released_seconds: 0, source: 'schedule' }),
  injectRow('due-now', { title: 'Due a moment ago', scheduled_seconds: 50 }),
  injectRow('phishing', { title: 'Phishing report', scheduled_seconds: 300 }),
  injectRow('hoster', { title: 'Call from the hoster', scheduled_seconds: 420 }),
  injectRow('held', { title: 'Held back', state: 'held', scheduled_seconds: null }),
  injectRow('opening', { title: 'Opens the phase', scheduled_seconds: 600 }),
];

function serve(rows = injects) {
  const bodies: unknown[] = [];
  const fetch = mockFetch({
    'GET /api/v1/exercises/5': () => jsonResponse(200, { exercise }),
    'GET /api/v1/exercises/5/injects': () => jsonResponse(200, { injects: rows }),
    'GET /api/v1/exercises/5/triggers': () => jsonResponse(200, { triggers: [] }),
    'GET /api/v1/exercises/5/participants': () => jsonResponse(200, { participants: [] }),
    'GET /api/v1/exercises/5/messages': () => jsonResponse(200, { messages: [], next_before: 0 }),
    'GET /api/v1/exercises/5/commchecks': () => jsonResponse(200, { checks: [] }),
    'GET /api/v1/exercises/5/poc': () => jsonResponse(200, { directory: [] }),
    'POST /api/v1/exercises/5/jump': (_url, init) => {
      bodies.push(JSON.parse(String(init?.body)));
      return jsonResponse(200, { clock: { ...exercise.clock, offset_seconds: 600 } });
    },
  });
  return { fetch, bodies };
}

async function openJump() {
  const user = userEvent.setup();
  renderApp('/exercises/5/console', staff);
  await user.selectOptions(await screen.findByRole('combobox', { name: 'Jump to phase' }), 'talk');
  await user.click(screen.getByRole('button', { name: 'Jump' }));
  return { user, dialog: await screen.findByRole('dialog', { name: 'Jump to “Talking it through”?' }) };
}

// The console's stream stays silent here.
class SilentEventSource {
  readyState = 1;
  addEventListener() {}
  close() {}
}
beforeEach(() => vi.stubGlobal('EventSource', SilentEventSource));
afterEach(() => vi.unstubAllGlobals());

describe('the jump to a phase', () => {
  it('lists the injects it passes over and jumps only when confirmed, releasing them by default', async () => {
    const { bodies } = serve();
    const { user, dialog } = await openJump();
    expect(bodies).toHaveLength(0); // nothing happens before the facilitator confirms
    expect(within(dialog).getByText(/00:01:00 to 00:10:00/)).toBeInTheDocument();
    const listed = within(dialog)
      .getAllByRole('listitem')
      .map((li) => li.getAttribute('data-inject-key'));
    expect(listed).toEqual(['phishing', 'hoster']);
    expect(within(dialog).getByRole('radio', { name: /Release them now/ })).toBeChecked();
    await user.click(within(dialog).getByRole('button', { name: 'Jump and release 2 injects' }));
    await waitFor(() => expect(bodies).toEqual([{ phase: 'talk', overtaken: 'release' }]));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('sends the choice to skip them', async () => {
    const { bodies } = serve();
    const { user, dialog } = await openJump();
    await user.click(within(dialog).getByRole('radio', { name: /Skip them/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Jump and skip 2 injects' }));
    await waitFor(() => expect(bodies).toEqual([{ phase: 'talk', overtaken: 'skip' }]));
  });

  it('can be cancelled without a jump', async () => {
    const { bodies } = serve();
    const { user, dialog } = await openJump();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(bodies).toHaveLength(0);
  });
});

describe('the timeline after a jump', () => {
  it('says which injects the jump released or skipped, and who jumped', async () => {
    serve([
      ...injects,
      injectRow('jumped', {
        title: 'Released by the jump',
        state: 'released',
        scheduled_seconds: null,
        released_seconds: 600,
        source: 'jump',
        released_by: 'Irina',
        released_at: '2026-03-02T09:05:00Z',
      }),
      injectRow('passed', {
        title: 'Skipped by the jump',
        state: 'skipped',
        scheduled_seconds: null,
        skipped_by: 'Irina',
        skipped_by_jump: true,
        skipped_at: '2026-03-02T09:05:00Z',
      }),
    ]);
    renderApp('/exercises/5/console', staff);
    const released = within((await screen.findByText('Released by the jump')).closest('tr')!);
    expect(released.getByText(/released by the jump to a phase \(Irina, /)).toBeInTheDocument();
    const skipped = within(screen.getByText('Skipped by the jump').closest('tr')!);
    expect(skipped.getByText(/skipped by the jump to a phase \(Irina, /)).toBeInTheDocument();
  });
});

describe('overtakenBy', () => {
  it('keeps the pending injects strictly between now and the phase start, in time order', () => {
    const rows = [injects[3]!, injects[2]!, ...injects.filter((r) => r.key !== 'phishing' && r.key !== 'hoster')];
    expect(overtakenBy(rows, 60, 600).map((r) => r.key)).toEqual(['phishing', 'hoster']);
    expect(overtakenBy(rows, 300, 600).map((r) => r.key)).toEqual(['hoster']);
  });
});
