import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../api/queryClient';
import { jsonResponse, mockFetch } from '../../test/utils';
import type { Tour } from './api';
import { floorOf, minutesSeconds, secondsLeft } from './model';
import { TourControl } from './TourControl';
import { TourPanel } from './TourPanel';

afterEach(() => vi.unstubAllGlobals());

const names: Record<number, string> = { 1: 'Valdoria', 2: 'Esterra', 3: 'Norhaven' };
const teamName = (id: number) => names[id] ?? `#${id}`;
const teams = [
  { id: 1, key: 'valdoria', name: 'Valdoria' },
  { id: 2, key: 'esterra', name: 'Esterra' },
  { id: 3, key: 'norhaven', name: 'Norhaven' },
] as never;
const phase = { key: 'getting-started', title: 'Getting started' };
const T0 = Date.parse('2026-11-27T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** A tour of the three delegations, three minutes each, whose speakers took the floor at the given seconds after T0. */
function tourWith(turns: [team: number, at: number][], closedAt?: number): Tour {
  return {
    phase: phase.key,
    order: [3, 1, 2],
    seconds: 180,
    opened_by: 'Fay',
    opened_at: iso(T0),
    opened_offset_seconds: 600,
    turns: turns.map(([team, at], index) => ({ team_id: team, index, by: 'Fay', at: iso(T0 + at * 1000), offset_seconds: 600 + at })),
    closed_at: closedAt === undefined ? null : iso(T0 + closedAt * 1000),
    closed_offset_seconds: closedAt === undefined ? null : 600 + closedAt,
  };
}

function wrap(node: ReactNode) {
  const client = createQueryClient();
  client.setDefaultOptions({ queries: { retry: false }, mutations: { retry: false } });
  return render(<QueryClientProvider client={client}>{node}</QueryClientProvider>);
}

describe('the tour model', () => {
  it('counts down and then counts how far a speaker ran over', () => {
    const tour = tourWith([[3, 0]]);
    const floor = floorOf(tour)!;
    expect(secondsLeft(tour, floor, T0 + 61_000)).toBe(119);
    expect(secondsLeft(tour, floor, T0 + 200_000)).toBe(-20);
    expect(minutesSeconds(20)).toBe('0:20');
    expect(floorOf(tourWith([[3, 0]], 90))).toBeNull();
  });
});

describe('the room’s tour panel', () => {
  it('tells the speaking delegation it is its turn, shows it ran over and saves its statement', async () => {
    const put = vi.fn((_url: string, init: RequestInit) => {
      expect(JSON.parse(String(init.body))).toEqual({ text: 'We will share indicators.' });
      return new Response(null, { status: 204 });
    });
    mockFetch({
      // The server's clock: Valdoria took the floor 200 s ago, with 180 s to speak.
      'GET /api/v1/exercises/5/tours': () =>
        jsonResponse(200, { tours: [tourWith([[3, 0], [1, 100]])], statements: [], now: iso(T0 + 300_000) }),
      'PUT /api/v1/exercises/5/phases/getting-started/statement': put,
    });
    wrap(<TourPanel exerciseId={5} teamId={1} phase={phase} teamName={teamName} readOnly={false} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Your turn: your delegation has the floor.');
    await waitFor(() => expect(screen.getByTestId('tour-countdown')).toHaveTextContent('over by 0:20'));
    const order = screen.getByRole('list', { name: 'Order of speakers' });
    expect(within(order).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Norhaven · has spoken',
      'Valdoria · speaking',
      'Esterra · to speak',
    ]);
    await userEvent.type(screen.getByLabelText("Your delegation's statement (optional)"), 'We will share indicators.');
    await userEvent.click(screen.getByRole('button', { name: 'Save the statement' }));
    await waitFor(() => expect(put).toHaveBeenCalledOnce());
  });

  it('shows every delegation’s statement once the tour is closed, and no field to change them', async () => {
    mockFetch({
      'GET /api/v1/exercises/5/tours': () =>
        jsonResponse(200, {
          tours: [tourWith([[3, 0], [1, 100], [2, 250]], 400)],
          statements: [{ team_id: 2, phase: phase.key, text: 'Esterra will investigate.', by: 'Eli', updated_at: iso(T0) }],
          now: iso(T0 + 500_000),
        }),
    });
    wrap(<TourPanel exerciseId={5} teamId={1} phase={phase} teamName={teamName} readOnly={false} />);
    expect(await screen.findByText('Esterra will investigate.')).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByTestId('tour-countdown')).toBeNull();
  });
});

describe('the console’s tour control', () => {
  it('opens a tour with the order and minutes the facilitator chose', async () => {
    const post = vi.fn((_url: string, init: RequestInit) => {
      expect(JSON.parse(String(init.body))).toEqual({ order: [2, 1, 3], seconds: 120 });
      return new Response(null, { status: 204 });
    });
    mockFetch({
      'GET /api/v1/exercises/5/tours': () => jsonResponse(200, { tours: [], statements: [], now: iso(T0) }),
      'POST /api/v1/exercises/5/phases/getting-started/tour': post,
    });
    wrap(<TourControl exerciseId={5} phase={phase} teams={teams} teamName={teamName} act />);
    await userEvent.click(await screen.findByRole('button', { name: 'Move Esterra up' }));
    const minutes = screen.getByLabelText('Minutes per delegation');
    await userEvent.clear(minutes);
    await userEvent.type(minutes, '2');
    await userEvent.click(screen.getByRole('button', { name: 'Open the tour de table' }));
    await waitFor(() => expect(post).toHaveBeenCalledOnce());
  });

  it('gives the floor to the next delegation, and offers to finish at the last', async () => {
    const next = vi.fn(() => new Response(null, { status: 204 }));
    mockFetch({
      'GET /api/v1/exercises/5/tours': () =>
        jsonResponse(200, {
          tours: [tourWith([[3, 0], [1, 100], [2, 250]])],
          statements: [{ team_id: 1, phase: phase.key, text: 'Valdoria will share indicators.', by: 'Victor', updated_at: iso(T0) }],
          now: iso(T0 + 260_000),
        }),
      'POST /api/v1/exercises/5/phases/getting-started/tour/next': next,
    });
    wrap(<TourControl exerciseId={5} phase={phase} teams={teams} teamName={teamName} act />);
    await waitFor(() => expect(screen.getByTestId('tour-countdown')).toHaveTextContent('2:50 left'));
    await userEvent.click(screen.getByRole('button', { name: 'Finish the tour' }));
    await waitFor(() => expect(next).toHaveBeenCalledOnce());
    expect(screen.getByRole('button', { name: 'Close the tour de table' })).toBeInTheDocument();
    // The moderator reads the statements before the tour closes.
    expect(screen.getByText('Valdoria will share indicators.')).toBeInTheDocument();
  });

  it('offers nothing to run to a staff member whose duty does not moderate', async () => {
    mockFetch({ 'GET /api/v1/exercises/5/tours': () => jsonResponse(200, { tours: [], statements: [], now: iso(T0) }) });
    wrap(<TourControl exerciseId={5} phase={phase} teams={teams} teamName={teamName} act={false} />);
    expect(await screen.findByText('The facilitators have not opened the tour de table of this phase yet.')).toBeInTheDocument();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
