import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Report, TeamReport, TimelineEntry } from './api';
import { injectRows, TEAM_COLOURS, teamColours, wrapLabel } from './chartModel';
import { JumpDetail } from './JumpDetail';
import { ReportAnswers } from './ReportAnswers';
import { ResponseCharts } from './ResponseCharts';

const metrics = (responses: { inject: string; released_at_seconds: number; first_action_seconds: number | null }[]) =>
  ({
    messages_sent: 0,
    messages_received: 0,
    inject_responses: responses,
    requests_sent: 0,
    requests_sent_answered: 0,
    requests_received: [],
    median_ack_seconds: 60,
    median_answer_seconds: null,
    expected_actions: [],
    cbm_use: {},
    expected_cbms: [],
    poc_complete: false,
    comm_checks: [],
  }) as TeamReport['metrics'];

const team = (id: number, key: string, name: string, responses: Parameters<typeof metrics>[0]): TeamReport => ({
  team_id: id,
  key,
  name,
  scorecard: [],
  agreement: null,
  strengths: '',
  improvements: '',
  metrics: metrics(responses),
});

// The server lists inject responses in its own order; here the later inject comes first.
const teams = [
  team(1, 'valdoria', 'Republic of Valdoria', [
    { inject: 'late', released_at_seconds: 600, first_action_seconds: 30 },
    { inject: 'early', released_at_seconds: 60, first_action_seconds: 120 },
  ]),
  team(2, 'esterra', 'Kingdom of Esterra', [{ inject: 'early', released_at_seconds: 60, first_action_seconds: null }]),
];
const titles: Record<string, string> = { early: 'Phishing servers reported', late: 'Social media blames Valdoria' };

describe('the response-time charts', () => {
  it('order "from inject to first action" by release time, in the chart data and the table', () => {
    expect(injectRows(teams).map((r) => r.inject)).toEqual(['early', 'late']);
    render(<ResponseCharts teams={teams} injectTitle={(k) => titles[k] ?? k} />);
    const table = document.querySelector('[data-table="per-inject"]') as HTMLElement;
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-inject'))).toEqual(['early', 'late']);
    // Full titles in the table; a team that did not act and one that did not receive the inject differ.
    expect(within(rows[0]!).getByRole('rowheader')).toHaveTextContent('Phishing servers reported');
    expect(within(rows[0]!).getByText('No action')).toBeInTheDocument();
    expect(within(rows[1]!).getAllByRole('cell').at(-1)).toHaveTextContent('—');
  });

  it('name every team, each with the one colour it has in every chart', () => {
    render(<ResponseCharts teams={teams} injectTitle={(k) => titles[k] ?? k} />);
    const colours = teamColours(teams);
    for (const t of teams) {
      const cells = screen.getAllByText(t.name);
      expect(cells.length).toBeGreaterThanOrEqual(2); // the medians table and the per-inject table
      for (const cell of cells) {
        const swatch = cell.closest('th')!.querySelector('.rp-swatch') as HTMLElement;
        expect(swatch.style.background).not.toBe('');
        expect(swatch).toHaveStyle({ background: colours.get(t.team_id) });
      }
    }
  });

  it('give teams distinct colour-blind-safe colours', () => {
    const many = Array.from({ length: 8 }, (_, i) => ({ team_id: i + 1 }));
    const colours = [...teamColours(many).values()];
    expect(new Set(colours).size).toBe(8);
    for (const c of colours) expect(TEAM_COLOURS).toContain(c);
  });

  it('wrap long labels into a few lines and mark the cut', () => {
    expect(wrapLabel('Phishing servers reported', 26, 3)).toEqual({ lines: ['Phishing servers reported'], cut: false });
    const long = wrapLabel('The Ministry of Health asks every State for help with a ransomware outbreak in its hospitals', 26, 3);
    expect(long.cut).toBe(true);
    expect(long.lines).toHaveLength(3);
    expect(long.lines.every((l) => l.length <= 26)).toBe(true);
    expect(long.lines[2]!.endsWith('…')).toBe(true);
    const url = wrapLabel(`https://example.org/${'x'.repeat(60)}`, 26, 3);
    expect(url.lines.every((l) => l.length <= 26)).toBe(true);
  });
});

describe('the stage answers', () => {
  it('show the phase title and the question text, not their keys', () => {
    const report = {
      answers: [
        {
          team_id: 1,
          phase: 'alarm',
          phase_title: 'The alarm is raised',
          question: 'alarm-q1',
          question_text: 'Who is informed first?',
          text: 'The national CERT.',
          by: 'Victor',
          seq: 9,
          updated_at: '2026-03-02T09:00:00Z',
        },
      ],
    } as unknown as Report;
    render(<ReportAnswers report={report} teamName={() => 'Republic of Valdoria'} />);
    expect(screen.getByRole('heading', { name: 'The alarm is raised' })).toBeInTheDocument();
    expect(screen.getByText('Who is informed first?')).toBeInTheDocument();
    expect(screen.queryByText(/alarm-q1|alarm ·/)).not.toBeInTheDocument();
  });
});

describe('the timeline after a jump', () => {
  const entry = (over: Partial<TimelineEntry>): TimelineEntry =>
    ({ seq: 1, at_seconds: 600, kind: 'inject', title: 'x', ...over }) as TimelineEntry;

  it('says who jumped and when, and when the script had the inject', () => {
    render(<JumpDetail entry={entry({ detail: 'jump', by: 'Irina', wall_at: '2026-03-02T09:05:00Z', due_seconds: 300 })} />);
    expect(screen.getByText(/released by the jump to a phase \(Irina, .*\); scheduled for 5:00/)).toBeInTheDocument();
  });

  it('says which injects the jump skipped, and shows the jump itself', () => {
    const { container } = render(
      <>
        <JumpDetail entry={entry({ detail: 'jump_skipped', by: 'Irina', wall_at: '2026-03-02T09:05:00Z', due_seconds: 420 })} />
        <JumpDetail entry={entry({ kind: 'clock', detail: 'jump', by: 'Irina', wall_at: '2026-03-02T09:05:00Z', from_seconds: 30 })} />
        <JumpDetail entry={entry({ detail: 'schedule' })} />
      </>,
    );
    expect(screen.getByText(/skipped by the jump to a phase \(Irina, .*\); scheduled for 7:00/)).toBeInTheDocument();
    expect(screen.getByText(/jump to this phase from 0:30 \(Irina, /)).toBeInTheDocument();
    expect(container.querySelectorAll('.rp-jump')).toHaveLength(2);
  });
});
