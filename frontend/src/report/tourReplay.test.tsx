import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ExerciseEvent } from '../exercise/stream';
import { reportCsvUrl } from './api';
import { ReplayTours } from './ReplayTours';
import { foldTours, speakers } from './tourReplay';

let seq = 0;
const ev = (type: string, offset: number, data: Record<string, unknown>): ExerciseEvent =>
  ({ seq: ++seq, type, at: '2026-11-27T09:00:00Z', offset_seconds: offset, data }) as unknown as ExerciseEvent;

// Norhaven, Valdoria, Esterra in that order, two minutes each; Norhaven gets the floor
// back at the end. Valdoria wrote its statement before the tour; the close carries all.
const log = [
  ev('statement.updated', 50, { team_id: 2, phase: 'alarm', text: 'Valdoria will share indicators.', by: 'Vera' }),
  ev('tour.opened', 100, { key: 'alarm', order: [3, 2, 1], seconds: 120, by: 'Anna' }),
  ev('tour.speaker', 100, { key: 'alarm', team_id: 3, index: 0, by: 'Anna' }),
  ev('tour.speaker', 250, { key: 'alarm', team_id: 2, index: 1, by: 'Anna' }),
  ev('tour.speaker', 340, { key: 'alarm', team_id: 1, index: 2, by: 'Anna' }),
  ev('tour.speaker', 400, { key: 'alarm', team_id: 3, index: 0, by: 'Anna' }),
  ev('tour.closed', 430, {
    key: 'alarm',
    by: 'Anna',
    statements: [
      { team_id: 2, phase: 'alarm', text: 'Valdoria will share indicators.', by: 'Vera' },
      { team_id: 1, phase: 'alarm', text: 'Esterra will investigate.', by: 'Elena' },
    ],
  }),
];

describe('the tour de table in the replay', () => {
  it('gives the order, who has the floor and the times at each step', () => {
    const mid = foldTours(log.slice(0, 4));
    expect(mid).toHaveLength(1);
    expect(speakers(mid[0]!)).toEqual([
      { team: 3, speaking: false, spokeSeconds: 150, turns: 1 },
      { team: 2, speaking: true, spokeSeconds: null, turns: 1, statement: { text: 'Valdoria will share indicators.', by: 'Vera' } },
      { team: 1, speaking: false, spokeSeconds: null, turns: 0 },
    ]);
    const end = foldTours(log);
    expect(end[0]!.closedSeconds).toBe(430);
    expect(speakers(end[0]!).map((s) => [s.team, s.spokeSeconds, s.turns, s.statement?.text ?? ''])).toEqual([
      [3, 180, 2, ''],
      [2, 90, 1, 'Valdoria will share indicators.'],
      [1, 60, 1, 'Esterra will investigate.'],
    ]);
    expect(foldTours(log.slice(0, 1))).toEqual([]);
  });

  it('shows them in order, with names and statements', () => {
    const names: Record<number, string> = { 1: 'Esterra', 2: 'Valdoria', 3: 'Norhaven' };
    render(<ReplayTours tours={foldTours(log.slice(0, 4))} phaseTitle={() => 'The alarm'} teamName={(id) => names[id]!} />);
    const tour = screen.getByRole('region', { name: 'Tour de table of the phase The alarm' });
    expect(within(tour).getByText(/under way/)).toBeInTheDocument();
    const items = within(tour).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      'Norhaven spoke 2:30 (1 turn)',
      'Valdoria has the floorValdoria will share indicators. — Vera',
      'Esterra has not spoken yet',
    ]);
    expect(items[1]).toHaveAttribute('aria-current', 'true');
  });
});

describe("the report's CSV export", () => {
  it('asks for the tours de table with part=tour, in the report language', () => {
    expect(reportCsvUrl(4, 'ru', 'tour')).toBe('/api/v1/exercises/4/report.csv?lang=ru&part=tour');
    expect(reportCsvUrl(4)).toBe('/api/v1/exercises/4/report.csv');
  });
});
