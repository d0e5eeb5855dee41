import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../api/queryClient';
import type { Inject, ParsedScenario } from '../api/scenarios';
import { jsonResponse, mockFetch } from '../test/utils';
import { ScenarioOverview, coverageRows } from './ScenarioOverview';

afterEach(() => vi.unstubAllGlobals());

const inject = (key: string, at: number | null, extra: Partial<Inject> = {}): Inject => ({
  key,
  title: `Inject ${key}`,
  phase: 'p1',
  channel: 'news',
  from: 'Control',
  audience: { all: true, facilitators: false, teams: [] },
  at_seconds: at,
  after: null,
  contingency: false,
  release_at_seconds: at,
  body: '',
  facilitator_notes: '',
  comm_check: false,
  expected_actions: [],
  ...extra,
});

const scenario: ParsedScenario = {
  id: 's',
  version: 1,
  title: 'S',
  summary: 'Plain **bold** text <script>alert(1)</script><img src=x onerror=alert(1)>',
  languages: ['en'],
  duration_seconds: 3600,
  level: 'advanced',
  audience: [],
  themes: ['energy'],
  catalogue: 'osce-ict-cbms',
  cbms: ['8', '3'],
  objectives: [],
  channels: [],
  teams: [{ key: 'a', name: 'Valdoria', kind: 'state', briefing: '', points_of_contact: [] }],
  phases: [{ key: 'p1', title: 'First', clock: 'Monday 09:00', starts_at_seconds: 0, situation: '', questions: [] }],
  injects: [inject('one', 60), inject('two', 600), inject('held', null, { contingency: true })],
  triggers: [
    {
      key: 'tr',
      title: 'Silence',
      condition: {
        type: 'no_message',
        from: 'a',
        to: '',
        cbm: '',
        channel: '',
        kind: '',
        deadline_at_seconds: null,
        deadline_after: { inject: 'one', delay_seconds: 300 },
        prompt: '',
      },
      release: ['held'],
    },
  ],
  rubric: { scale: 'psmu', criteria: [] },
  coverage: { '8': ['one', 'two'], '5': ['two'] },
};

function renderOverview(s: ParsedScenario) {
  mockFetch({
    'GET /api/v1/cbms': () =>
      jsonResponse(200, {
        default: 'osce-ict-cbms',
        catalogues: [{ id: 'osce-ict-cbms', title: 'OSCE', items: [{ key: '8', title: 'Points of contact', summary: '' }] }],
      }),
  });
  return render(
    <QueryClientProvider client={createQueryClient()}>
      <ScenarioOverview scenario={s} />
    </QueryClientProvider>,
  );
}

describe('scenario overview', () => {
  it('lists CBMs in focus first, then others exercised', () => {
    expect(coverageRows(scenario)).toEqual([
      { cbm: '8', injects: ['one', 'two'], inFocus: true },
      { cbm: '3', injects: [], inFocus: true },
      { cbm: '5', injects: ['two'], inFocus: false },
    ]);
  });

  it('shows coverage, "not exercised", the timeline, held injects and triggers in words', async () => {
    const { container } = renderOverview(scenario);
    const coverage = screen.getByTestId('cbm-coverage');
    const row3 = within(coverage).getByText('CBM 3').closest('tr')!;
    expect(row3).toHaveTextContent('Not exercised');
    const row8 = within(coverage).getByText('CBM 8').closest('tr')!;
    expect(row8).toHaveTextContent('Inject one');
    expect(row8).toHaveTextContent('Inject two');
    // The CBM's short title arrives with /cbms and becomes the chip's tooltip.
    expect(await within(coverage).findByTitle('Points of contact')).toBeInTheDocument();

    expect(container.querySelectorAll('[data-testid="inject-timeline"] .timeline-mark')).toHaveLength(2);
    expect(screen.getByText('Held for a trigger or the facilitator').nextElementSibling).toHaveTextContent(
      'Inject held — released by the trigger “Silence”',
    );
    expect(screen.getByText(/If Valdoria has sent no message to any team within 5 min of “Inject one”/)).toHaveTextContent(
      '→ releases “Inject held”',
    );
  });

  it('renders Markdown without letting raw HTML through', () => {
    const { container } = renderOverview(scenario);
    expect(container.querySelector('.markdown strong')).toHaveTextContent('bold');
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
  });
});
