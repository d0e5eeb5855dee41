import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { Dashboard, DashboardFigures, Report } from './api';
import { AttributionNotice } from './AttributionNotice';
import { DashboardView, scoreCounts } from './DashboardPage';

const figures = (over: Partial<DashboardFigures> = {}): DashboardFigures => ({
  exercises: 1,
  teams: 1,
  messages_sent: 0,
  median_ack_seconds: null,
  median_answer_seconds: null,
  cbm_use: {},
  scores: {},
  expected_actions: { expected: 0, observed: 0, in_time: 0 },
  ...over,
});

const dashboard = (over: Partial<Dashboard> = {}): Dashboard => ({
  exercises: [
    {
      id: 7,
      title: 'Vienna run',
      workshop_id: 1,
      workshop: 'Vienna workshop',
      scenario: 'Grid cascade',
      status: 'ended',
      started_at: null,
      attributed: false,
    },
  ],
  cbms: [
    { cbm: '3', uses: 4, teams_using: 2, exercises_expecting: 1, expected_actions: { expected: 4, observed: 2, in_time: 1 } },
    { cbm: '8', uses: 4, teams_using: 2, exercises_expecting: 1, expected_actions: { expected: 0, observed: 0, in_time: 0 } },
    { cbm: '10', uses: 1, teams_using: 1, exercises_expecting: 0, expected_actions: { expected: 0, observed: 0, in_time: 0 } },
  ],
  most_used: [
    { cbm: '3', uses: 4, rank: 1 },
    { cbm: '8', uses: 4, rank: 1 },
    { cbm: '10', uses: 1, rank: 3 },
  ],
  least_used: [{ cbm: '10', uses: 1, rank: 1 }],
  scenarios: [
    {
      scenario: 'Grid cascade',
      figures: figures({ teams: 2, messages_sent: 9, scores: { S: 1, P: 2 } }),
      roles: [
        { key: 'halvena', name: 'Republic of Halvena', figures: figures({ messages_sent: 5, median_answer_seconds: 90 }) },
        { key: 'marrovia', name: 'Federal Republic of Marrovia', figures: figures({ messages_sent: 4 }) },
      ],
    },
  ],
  workshops: [{ id: 1, title: 'Vienna workshop', attribution: null, figures: figures({ teams: 2 }) }],
  delegations: [],
  ...over,
});

const renderView = (d: Dashboard) =>
  render(
    <MemoryRouter>
      <DashboardView d={d} />
    </MemoryRouter>,
  );

describe('dashboard', () => {
  it('lists tied CBMs under one rank, all of them', () => {
    renderView(dashboard());
    const most = screen.getByRole('list', { name: 'Most used CBMs' });
    const items = within(most).getAllByRole('listitem');
    expect(items.map((li) => [li.dataset.cbm, li.getAttribute('value')])).toEqual([
      ['3', '1'],
      ['8', '1'],
      ['10', '3'],
    ]);
    expect(items[0]).toHaveTextContent('CBM 3 — 4 messages');
  });

  it('shows the roles of each scenario, not delegations, by default', () => {
    renderView(dashboard());
    const row = document.querySelector('tr[data-state="Republic of Halvena"]');
    expect(row).not.toBeNull();
    expect(within(row as HTMLElement).getAllByRole('cell')[1]).toHaveTextContent('5');
    expect(screen.getByText('All roles (2 teams)')).toBeInTheDocument();
    expect(screen.getAllByText('P 2 · S 1').length).toBeGreaterThan(0);
    expect(screen.queryByRole('heading', { name: 'Attributed results: delegations' })).toBeNull();
    expect(screen.getByText('2 of 4')).toBeInTheDocument();
  });

  it('adds the delegations of attributed workshops, with the reason', () => {
    const attribution = { reason: 'The delegations asked for it.', by: 'Organiser', at: '2026-01-01T00:00:00Z' };
    renderView(
      dashboard({
        delegations: [
          {
            delegation: 'Republic of Realia',
            role: 'Republic of Halvena',
            workshop_id: 1,
            workshop: 'Vienna workshop',
            exercise_id: 7,
            exercise: 'Vienna run',
            scenario: 'Grid cascade',
            date: null,
            attribution,
            figures: figures(),
            final_scores: [{ criterion: 'poc', criterion_title: 'Reached the right contact', value: 'P' }],
          },
        ],
      }),
    );
    expect(screen.getByRole('heading', { name: 'Attributed results: delegations' })).toBeInTheDocument();
    const row = document.querySelector('tr[data-delegation="Republic of Realia"]') as HTMLElement;
    expect(row).toHaveTextContent('Republic of Halvena');
    expect(row).toHaveTextContent('Reached the right contact: P');
    expect(row).toHaveTextContent('The delegations asked for it.');
  });

  it('writes agreed scores best first', () => {
    expect(scoreCounts({ U: 1, P: 2, S: 3 })).toBe('P 2 · S 3 · U 1');
    expect(scoreCounts({ '0': 1, '4': 2 })).toBe('4 2 · 0 1');
    expect(scoreCounts({})).toBe('—');
  });
});

describe('attribution notice', () => {
  const report = (over: Partial<Report>): Report => ({ roles: [], attribution: null, ...over }) as unknown as Report;

  it('says the report is non-attributive by default', () => {
    render(<AttributionNotice report={report({})} />);
    expect(screen.getByText(/This report is non-attributive/)).toBeInTheDocument();
  });

  it('shows the reason, who and when, and each role with its delegation', () => {
    render(
      <AttributionNotice
        report={report({
          attribution: { reason: 'Asked by the delegations.', by: 'Organiser', at: '2026-01-01T10:00:00Z' },
          roles: [
            { team_id: 1, key: 'halvena', name: 'Republic of Halvena', delegation: 'Republic of Realia' },
            { team_id: 2, key: 'marrovia', name: 'Federal Republic of Marrovia' },
          ],
        })}
      />,
    );
    expect(screen.getByRole('heading', { name: 'Attributed results' })).toBeInTheDocument();
    expect(screen.getByText('Asked by the delegations.')).toBeInTheDocument();
    expect(screen.getByText(/by Organiser/)).toBeInTheDocument();
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent('Republic of HalvenaRepublic of Realia');
  });
});
