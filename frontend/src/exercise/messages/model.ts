/**
 * Pure helpers for the messaging screens: threads, unread counts, CBM tag suggestions,
 * request states and per-team activity.
 */
import type { Message, MessageChannel, RequestAction, RequestKind, RequestStatus } from './api';

export interface Thread {
  /** Id of the first message of the thread (the root of its reply_to chain). */
  id: number;
  root: Message;
  /** Oldest first. */
  messages: Message[];
  channel: string;
  /** Id of the newest message (ids grow with time). */
  lastId: number;
}

/** The root of `m`'s reply_to chain among the messages we know (cycles are cut). */
export function threadRootId(m: Message, byId: ReadonlyMap<number, Message>): number {
  let cur = m;
  const seen = new Set<number>([m.id]);
  while (cur.reply_to) {
    const parent = byId.get(cur.reply_to);
    if (!parent) break;
    if (seen.has(parent.id)) return Math.min(...seen); // a cycle: its oldest message is the root
    seen.add(parent.id);
    cur = parent;
  }
  return cur.id;
}

/** Groups messages into threads by their reply_to chains; newest thread first. */
export function groupThreads(messages: readonly Message[]): Thread[] {
  const byId = new Map(messages.map((m) => [m.id, m]));
  const threads = new Map<number, Thread>();
  for (const m of [...messages].sort((a, b) => a.id - b.id)) {
    const rootId = threadRootId(m, byId);
    let th = threads.get(rootId);
    if (!th) {
      const root = byId.get(rootId)!;
      th = { id: rootId, root, messages: [], channel: root.channel, lastId: rootId };
      threads.set(rootId, th);
    }
    th.messages.push(m);
    th.lastId = Math.max(th.lastId, m.id);
  }
  return [...threads.values()].sort((a, b) => b.lastId - a.lastId);
}

/** A message counts as unread for `team` when another sender sent it and it was not opened. */
export function isUnread(m: Message, read: ReadonlySet<number>, team: number): boolean {
  return m.from !== team && !read.has(m.id);
}

export function threadUnread(th: Thread, read: ReadonlySet<number>, team: number): number {
  return th.messages.filter((m) => isUnread(m, read, team)).length;
}

/** Unread messages per channel key (channels with none are left out). */
export function unreadByChannel(threads: readonly Thread[], read: ReadonlySet<number>, team: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const th of threads) {
    const n = threadUnread(th, read, team);
    if (n) out.set(th.channel, (out.get(th.channel) ?? 0) + n);
  }
  return out;
}

/** The CBM tags a request kind suggests, as the server gives them (GET /exercises/{id}: scenario.request_kinds). */
export interface KindTags {
  key: string;
  cbms?: readonly string[] | null;
}

/** Where a suggested tag comes from: the channel, or the request kind. */
export type SuggestionSource = 'channel' | 'kind';

export interface TagSuggestion {
  cbm: string;
  source: SuggestionSource;
}

const byCbmKey = (a: string, b: string) => {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return a.localeCompare(b);
};

/**
 * The CBM tags suggested for a message on `channel` of `kind`, each with where it comes
 * from (the channel first, as the server records it). The server's table of request
 * kinds is the one source of truth; the server records the same sources when it stores
 * the message.
 */
export function suggestTags(channel: MessageChannel | undefined, kind: RequestKind, kinds: readonly KindTags[]): TagSuggestion[] {
  const out = new Map<string, SuggestionSource>();
  for (const c of channel?.cbms ?? []) out.set(c, 'channel');
  if (kind) for (const c of kinds.find((k) => k.key === kind)?.cbms ?? []) if (!out.has(c)) out.set(c, 'kind');
  return [...out].map(([cbm, source]) => ({ cbm, source })).sort((a, b) => byCbmKey(a.cbm, b.cbm));
}

/** The CBM tags suggested for a message on `channel` of `kind`. */
export function suggestCbms(channel: MessageChannel | undefined, kind: RequestKind, kinds: readonly KindTags[]): string[] {
  return suggestTags(channel, kind, kinds).map((s) => s.cbm);
}

/** The tags a message goes out with: the suggestions the sender kept, plus those added. */
export function effectiveCbms(suggested: readonly string[], removed: ReadonlySet<string>, added: ReadonlySet<string>): string[] {
  const set = new Set(suggested.filter((c) => !removed.has(c)));
  for (const c of added) set.add(c);
  return [...set].sort(byCbmKey);
}

export const isRequest = (m: Message) => !!m.kind;
export const statusOf = (m: Message): RequestStatus => m.status ?? 'open';
export const isOpenRequest = (m: Message) => isRequest(m) && statusOf(m) !== 'answered' && statusOf(m) !== 'declined';

const NEXT: Record<RequestStatus, RequestAction[]> = {
  open: ['acknowledge', 'answer', 'decline', 'escalate'],
  acknowledged: ['answer', 'decline', 'escalate'],
  escalated: ['acknowledge', 'answer', 'decline'],
  answered: [],
  declined: [],
};

/** The steps `team` may take on request `m` (none when it is not a recipient). */
export function requestActions(m: Message, team: number): RequestAction[] {
  if (!isRequest(m) || m.from === team) return [];
  const recipient = (m.to ?? []).includes(team) || m.all;
  return recipient ? NEXT[statusOf(m)] : [];
}

/** Exercise seconds until the first response and until the answer, when they happened. */
export function responseTimes(m: Message): { first?: number; answered?: number } {
  const steps = m.steps ?? [];
  const first = steps[0]?.after_seconds;
  const answered = steps.find((s) => s.status === 'answered')?.after_seconds;
  return { first, answered };
}

export function median(values: readonly number[]): number | undefined {
  if (!values.length) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1]! + s[mid]!) / 2;
}

export interface TeamActivity {
  teamId: number;
  sent: number;
  received: number;
  requestsOpen: number;
  requestsAnswered: number;
  /** Median seconds from a request to this team until its first response. */
  medianResponse?: number;
}

/** Traffic per team: messages sent and received, requests to it open and answered, median response time. */
export function teamActivity(messages: readonly Message[], teamIds: readonly number[]): TeamActivity[] {
  return teamIds.map((teamId) => {
    let sent = 0;
    let received = 0;
    let requestsOpen = 0;
    let requestsAnswered = 0;
    const times: number[] = [];
    for (const m of messages) {
      if (m.from === teamId) sent++;
      const toTeam = m.from !== teamId && ((m.to ?? []).includes(teamId) || m.all);
      if (!toTeam) continue;
      received++;
      if (!isRequest(m)) continue;
      if (isOpenRequest(m)) requestsOpen++;
      if (statusOf(m) === 'answered') requestsAnswered++;
      const step = (m.steps ?? []).find((s) => s.team_id === teamId);
      if (step) times.push(step.after_seconds);
    }
    return { teamId, sent, received, requestsOpen, requestsAnswered, medianResponse: median(times) };
  });
}

/** "1 min 05 s" style durations, short. */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

// ---- Read state, kept per exercise and team in localStorage ----

const readKey = (exerciseId: number, team: number) => `cbmex.read.${exerciseId}.${team}`;

export function loadRead(exerciseId: number, team: number): Set<number> {
  try {
    const raw = localStorage.getItem(readKey(exerciseId, team));
    const v: unknown = raw ? JSON.parse(raw) : [];
    return new Set(Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : []);
  } catch {
    return new Set();
  }
}

export function saveRead(exerciseId: number, team: number, read: ReadonlySet<number>) {
  try {
    localStorage.setItem(readKey(exerciseId, team), JSON.stringify([...read]));
  } catch {
    // private mode: the read state lasts for this page only
  }
}
