import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../api/queryClient';
import { jsonResponse, mockFetch } from '../test/utils';
import type { ExpectedResult, TeamReport } from './api';
import { EvidenceReview } from './EvidenceReview';
import { ExpectedActions } from './ExpectedActions';

afterEach(() => vi.unstubAllGlobals());

const exercise = {
  id: 5,
  workshop_id: 1,
  scenario_version_id: 1,
  title: 'Hospitals',
  clock: { status: 'ended', speed: 1, offset_seconds: 0, as_of: '2026-03-02T09:00:00Z' },
  created_at: '2026-03-02T09:00:00Z',
  scenario: {
    id: 's', version: 1, title: 'S', summary: '', duration_seconds: 900, phases: [], request_kinds: [],
    channels: [{ key: 'police-24-7', title: 'Police 24/7 network', cbms: ['6', '13'], all_teams: false, control: false }],
  },
  current_phase: '',
  teams: [
    { id: 11, key: 'lorvenia', name: 'Republic of Lorvenia' },
    { id: 12, key: 'veyra', name: 'Republic of Veyra' },
    { id: 13, key: 'sentira', name: 'Sentira Health Data' },
  ],
  viewer: { role: 'staff' },
};

const base = { cbms: ['14', '2'], within_seconds: 600, window_from_seconds: 0, more_candidates: 0 };

const lead: ExpectedResult = {
  ...base,
  inject: 'news',
  action: 'national-lead',
  text: 'Lorvenia brings Sentira around one table.',
  observed: false,
  after_seconds: null,
  in_time: false,
  status: 'candidate',
  matcher: { shown_by: 'message', to: ['sentira'], channels: [], from: 'phase_start' },
  found: null,
  candidates: [
    {
      message: 21, at_seconds: 180, after_seconds: 60, timing: 'in_time', subject: 'Request for assistance', channel: 'diplomatic_note',
      kind: 'assistance', to: [12], to_control: false, all: false,
      tags: [{ cbm: '2', source: 'kind' }, { cbm: '13', source: 'kind' }],
    },
  ],
};

const preservation: ExpectedResult = {
  ...base,
  inject: 'servers',
  action: 'preservation',
  text: "Lorvenia sends a preservation request to Veyra's 24/7 contact point.",
  cbms: ['6'],
  observed: true,
  after_seconds: -240,
  in_time: true,
  evidence: 30,
  status: 'observed',
  timing: 'early',
  source: 'matched',
  matcher: { shown_by: 'message', to: ['veyra'], channels: ['police-24-7'], from: 'exercise_start' },
  found: {
    message: 30, at_seconds: 3120, after_seconds: -240, timing: 'early', subject: 'Preservation request', channel: 'police-24-7',
    kind: 'assistance', to: [12], to_control: false, all: false, tags: [{ cbm: '6', source: 'channel' }],
  },
  candidates: [],
};

const read: ExpectedResult = {
  ...base, inject: 'news', action: 'read', text: 'The team reads its briefing.', observed: false, after_seconds: null,
  within_seconds: null, in_time: false, status: 'not_observable', matcher: { to: [], channels: [] }, found: null, candidates: [],
};

const team = {
  team_id: 11, key: 'lorvenia', name: 'Republic of Lorvenia', scorecard: [], strengths: '', improvements: '',
  metrics: { expected_actions: [lead, preservation, read] },
} as unknown as TeamReport;

function withClient(ui: React.ReactNode) {
  const client = createQueryClient();
  client.setDefaultOptions({ queries: { retry: false } });
  return render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}

describe('the report’s expected actions', () => {
  it('say which evidence was observed, which is only a candidate, and which the evaluators judge', () => {
    withClient(<ExpectedActions team={team} injectTitle={(k) => k} />);
    const [l, p, r] = screen.getAllByRole('listitem');
    expect(l).toHaveAttribute('data-observed', 'false');
    expect(l).toHaveTextContent('Candidate only, not counted');
    expect(l).toHaveTextContent('1 candidate awaits a facilitator');
    expect(p).toHaveAttribute('data-timing', 'early');
    expect(p).toHaveTextContent('Observed');
    expect(p).toHaveTextContent('4:00 before the inject');
    expect(r).toHaveTextContent('Judged by the evaluators');
    expect(r).not.toHaveTextContent('Not observed');
  });
});

describe('the scoring page’s evidence review', () => {
  it('confirms a candidate with one click and says where its tags came from', async () => {
    let body: unknown = null;
    const fetch = mockFetch({
      'GET /api/v1/exercises/5': () => jsonResponse(200, { exercise }),
      'PUT /api/v1/exercises/5/evidence': (_url, init) => {
        body = JSON.parse(String(init.body));
        return jsonResponse(204);
      },
    });
    withClient(<EvidenceReview exerciseId={5} team={team} injectTitle={(k) => k} />);
    const item = screen.getAllByRole('listitem').find((li) => li.getAttribute('data-action') === 'national-lead')!;
    expect(await within(item).findByText(/a message to Sentira Health Data/)).toBeInTheDocument();
    const candidate = within(item).getByText('Request for assistance').closest('li')!;
    expect(candidate).toHaveTextContent('CBM 2 (suggested by the request kind)');
    expect(candidate).toHaveTextContent('to Republic of Veyra');
    await userEvent.click(within(candidate).getByRole('button', { name: /^Confirm message #21 as evidence that Lorvenia brings Sentira/ }));
    expect(await screen.findByText('Message #21 confirmed: it now counts.')).toBeInTheDocument();
    expect(body).toEqual({ team_id: 11, inject: 'news', action: 'national-lead', message: 21, verdict: 'confirmed' });
    expect(fetch.mock.calls.some(([, init]) => (init as RequestInit | undefined)?.method === 'PUT')).toBe(true);
    // The match found by the matcher can be rejected too; the evaluators' actions have no buttons.
    const pres = screen.getAllByRole('listitem').find((li) => li.getAttribute('data-action') === 'preservation')!;
    expect(within(pres).getByRole('button', { name: /^Reject message #30, found by the matcher/ })).toBeInTheDocument();
    const readItem = screen.getAllByRole('listitem').find((li) => li.getAttribute('data-action') === 'read')!;
    expect(within(readItem).queryByRole('button')).toBeNull();
  });
});
