import { useQuery } from '@tanstack/react-query';
import { createContext } from 'react';
import { api, type Schema } from '../api/client';
import { exerciseKeys } from './api';
import { readLang } from './language';
import type { Message } from './messages/api';

/** A simulated actor of the scenario, played by the exercise control (the white cell). */
export type Actor = Schema<'Actor'>;

const NO_ACTORS: Actor[] = [];

/**
 * The scenario's actors in the reader's language, from the exercise the page has
 * already loaded (the same query as the exercise itself).
 */
export function useActors(id: number): Actor[] {
  return (
    useQuery({
      queryKey: exerciseKeys.exercise(id),
      queryFn: ({ signal, client }) =>
        api.get('/exercises/{id}', { path: { id }, query: readLang(client), signal }).then((r) => r.exercise),
      staleTime: Infinity,
      select: (ex) => ex.scenario.actors ?? NO_ACTORS,
    }).data ?? NO_ACTORS
  );
}

/** Whether a team's message goes to the white cell: to an actor or to exercise control. */
export function forWhiteCell(m: Message): boolean {
  return m.from !== 0 && ((m.to_actors ?? []).length > 0 || m.to_control);
}

/** Whether the white cell has answered it: a request answered or declined, or any reply from control. */
export function isAnswered(m: Message, all: readonly Message[]): boolean {
  if (m.kind) return m.status === 'answered' || m.status === 'declined';
  return all.some((r) => r.reply_to === m.id && r.from === 0);
}

/** The white cell's inbox: unanswered first, newest first within each. */
export function whiteCellInbox(all: readonly Message[]): { m: Message; answered: boolean }[] {
  return all
    .filter(forWhiteCell)
    .map((m) => ({ m, answered: isAnswered(m, all) }))
    .sort((a, b) => Number(a.answered) - Number(b.answered) || b.m.id - a.m.id);
}

/** actor.voiced (staff only): who wrote a message, or took a request's step, as an actor. */
export function foldVoiced(list: readonly Message[], e: { data: Record<string, unknown> }): Message[] {
  const id = Number(e.data.message);
  const by = typeof e.data.by === 'string' ? e.data.by : '';
  const status = typeof e.data.status === 'string' ? e.data.status : '';
  return list.map((m) => {
    if (m.id !== id) return m;
    if (!status) return { ...m, by };
    return { ...m, steps: (m.steps ?? []).map((s) => (s.status === status ? { ...s, voiced_by: by } : s)) };
  });
}

/** The name of a simulated actor by its key, for message views (the key itself when not known). */
export const ActorNames = createContext<(key: string) => string>((key) => key);

/** Names actors by key from the list. */
export function actorNamer(actors: readonly Actor[]): (key: string) => string {
  return (key) => actors.find((a) => a.key === key)?.name ?? key;
}

/** How many of the white cell's messages wait for an answer (shown on its tab). */
export function whiteCellWaiting(all: readonly Message[]): number {
  return whiteCellInbox(all).filter((x) => !x.answered).length;
}
