/**
 * A team's conversation with a simulated actor (the white cell) as one thread: the
 * team's messages to that actor, the actor's answers and the injects that come from it.
 * A follow-up inject from "the Secretariat" then reads under the team's earlier
 * message to the Secretariat, as it would in a real exchange.
 */
import type { ReleasedInject } from '../projection';
import type { Message } from './api';
import { groupThreads, type Thread } from './model';

/** A message of a thread; `inject` is set (the inject's key) on an inject shown as one. */
export type ThreadMessage = Message & { inject?: string };

/** Whether the inject reaches the team (the stream gives a team only its own, but a list may hold more). */
const reaches = (inj: ReleasedInject, team: number) => inj.all || inj.teams.includes(team);

/**
 * An inject from an actor, as a message of the thread. Its id is the event's sequence
 * number, as a message's is, so it sorts among the messages and is marked read like one.
 */
export function injectAsMessage(inj: ReleasedInject, actor: string): ThreadMessage {
  const m: ThreadMessage = {
    id: inj.seq,
    from: 0,
    from_name: inj.from,
    from_actor: actor,
    to: inj.teams,
    to_control: false,
    all: inj.all,
    channel: inj.channel,
    subject: inj.title,
    body: inj.body,
    cbms: [],
    kind: '',
    sent_at: inj.at,
    offset_seconds: inj.offsetSeconds,
    inject: inj.key,
  };
  if (inj.lang) m.lang = inj.lang as Message['lang'];
  return m;
}

/**
 * The one actor a message is with: the actor that wrote it, or the only addressee when
 * it went to one actor and nobody else; "" otherwise (several actors, or teams too).
 */
export function actorOf(m: Message): string {
  if (m.from_actor) return m.from_actor;
  const actors = m.to_actors ?? [];
  return actors.length === 1 && (m.to ?? []).length === 0 && !m.to_control && !m.all ? actors[0]! : '';
}

/**
 * The team's threads: reply chains as groupThreads makes them, with the threads whose
 * root is with the same actor, and that actor's injects to the team, merged into one.
 * The merged thread keeps the id of its oldest root; newest thread first, as groupThreads.
 */
export function conversations(messages: readonly Message[], injects: readonly ReleasedInject[], team: number): Thread[] {
  const fromActors = injects.filter((inj) => inj.fromActor && reaches(inj, team)).map((inj) => injectAsMessage(inj, inj.fromActor!));
  const known = new Set(messages.map((m) => m.id));
  const all = [...messages, ...fromActors.filter((m) => !known.has(m.id))];
  const byActor = new Map<string, Thread>();
  const out: Thread[] = [];
  // groupThreads gives newest first; merge from the oldest so the oldest root leads.
  for (const th of groupThreads(all).reverse()) {
    const actor = actorOf(th.root);
    const into = actor ? byActor.get(actor) : undefined;
    if (!into) {
      if (actor) byActor.set(actor, th);
      out.push(th);
      continue;
    }
    into.messages = [...into.messages, ...th.messages].sort((a, b) => a.id - b.id);
    into.lastId = Math.max(into.lastId, th.lastId);
  }
  return out.sort((a, b) => b.lastId - a.lastId);
}

/** The last message of the thread a reply can name as reply_to (an inject is not a message). */
export function lastRepliable(th: Thread): ThreadMessage | undefined {
  return [...th.messages].reverse().find((m) => !(m as ThreadMessage).inject);
}
