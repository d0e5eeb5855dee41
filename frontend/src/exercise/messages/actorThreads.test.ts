import { describe, expect, it } from 'vitest';
import type { ReleasedInject } from '../projection';
import type { Message } from './api';
import { actorOf, conversations, injectAsMessage, lastRepliable } from './actorThreads';

const msg = (id: number, over: Partial<Message> = {}): Message => ({
  id,
  from: 1,
  from_name: 'Vera',
  to: [],
  to_control: false,
  all: false,
  channel: 'osce_network',
  subject: `s${id}`,
  body: 'b',
  cbms: [],
  kind: '',
  sent_at: '2026-11-27T09:00:00Z',
  offset_seconds: id * 10,
  ...over,
});

const inject = (seq: number, over: Partial<ReleasedInject> = {}): ReleasedInject => ({
  seq,
  key: `i${seq}`,
  title: `Inject ${seq}`,
  channel: 'osce_network',
  from: 'OSCE Secretariat',
  body: 'The Secretariat follows up.',
  teams: [1],
  all: false,
  source: 'schedule',
  late: false,
  offsetSeconds: seq * 10,
  at: '2026-11-27T09:00:00Z',
  lang: 'en',
  fallback: [],
  ...over,
});

const ids = (th: { messages: Message[] }) => th.messages.map((m) => m.id);

describe('conversations with an actor', () => {
  it("threads the team's message to the Secretariat, the answer and the Secretariat's later inject as one", () => {
    const messages = [
      msg(3, { to_actors: ['secretariat'], subject: 'Cable cut' }),
      msg(5, { from: 0, from_name: 'OSCE Secretariat', from_actor: 'secretariat', to: [1], reply_to: 3, subject: 'Re: Cable cut' }),
      msg(6, { to: [2], channel: 'poc_hotline', subject: 'To Veskland' }),
    ];
    const threads = conversations(messages, [inject(8, { fromActor: 'secretariat' }), inject(7)], 1);
    expect(threads.map((th) => th.id)).toEqual([3, 6]);
    const [secretariat] = threads;
    expect(ids(secretariat!)).toEqual([3, 5, 8]);
    expect(secretariat!.lastId).toBe(8);
    expect(secretariat!.root.subject).toBe('Cable cut');
    const follow = secretariat!.messages[2]!;
    expect(follow).toMatchObject({ from: 0, from_actor: 'secretariat', from_name: 'OSCE Secretariat', subject: 'Inject 8', inject: 'i8' });
    // A reply names the answer, not the inject (which the server does not know as a message).
    expect(lastRepliable(secretariat!)?.id).toBe(5);
  });

  it("joins the team's second message to the same actor, and an inject that came first leads", () => {
    const messages = [msg(4, { to_actors: ['secretariat'], subject: 'Thanks' }), msg(9, { to_actors: ['secretariat'], subject: 'More' })];
    const threads = conversations(messages, [inject(2, { fromActor: 'secretariat' })], 1);
    expect(threads).toHaveLength(1);
    expect(threads[0]!.id).toBe(2);
    expect(ids(threads[0]!)).toEqual([2, 4, 9]);
    expect(lastRepliable(threads[0]!)?.id).toBe(9);
  });

  it("keeps other actors' conversations, messages to several actors and other teams' injects apart", () => {
    const messages = [
      msg(3, { to_actors: ['secretariat'] }),
      msg(4, { to_actors: ['chair'] }),
      msg(5, { to_actors: ['secretariat', 'chair'] }),
      msg(6, { to: [2], to_actors: ['secretariat'] }),
    ];
    const threads = conversations(messages, [inject(7, { fromActor: 'chair', teams: [2] }), inject(8, { fromActor: 'chair', all: true, teams: [] })], 1);
    expect(threads.map(ids)).toEqual([[4, 8], [6], [5], [3]]);
  });

  it('adds an inject once, even when the list already holds its event', () => {
    const inj = inject(8, { fromActor: 'secretariat' });
    const threads = conversations([msg(3, { to_actors: ['secretariat'] }), injectAsMessage(inj, 'secretariat')], [inj], 1);
    expect(ids(threads[0]!)).toEqual([3, 8]);
  });

  it('knows whom a message is with', () => {
    expect(actorOf(msg(1, { from: 0, from_actor: 'press' }))).toBe('press');
    expect(actorOf(msg(1, { to_actors: ['press'] }))).toBe('press');
    expect(actorOf(msg(1, { to_actors: ['press'], to_control: true }))).toBe('');
    expect(actorOf(msg(1, { to: [2] }))).toBe('');
  });
});
