/**
 * How the stream's messaging events change the cached REST views, so that a message
 * reaches an open page from its `message.sent` payload, without a GET of /messages.
 * Each fold returns the same array when the event changes nothing (it was already in
 * the view): folding is idempotent, so every event seen may be folded again into a
 * freshly fetched list.
 */
import type { ExerciseEvent } from '../stream';
import type { Message, PocDirectoryRow, PocEntry, RequestKind, RequestStep } from './api';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const nums = (v: unknown): number[] => (Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : []);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** A message as GET /messages gives it, from its `message.sent` event. */
export function messageFromEvent(e: ExerciseEvent): Message {
  const d = e.data;
  const kind = str(d.kind) as RequestKind;
  const m: Message = {
    id: e.seq,
    from: num(d.from),
    from_name: str(d.from_name),
    to: nums(d.to),
    to_control: d.to_control === true,
    all: d.all === true,
    channel: str(d.channel),
    subject: str(d.subject),
    body: str(d.body),
    cbms: strs(d.cbms),
    kind,
    sent_at: e.at,
    offset_seconds: e.offset_seconds,
  };
  if (num(d.reply_to)) m.reply_to = num(d.reply_to);
  if (str(d.lang)) m.lang = str(d.lang) as Message['lang'];
  if (strs(d.to_actors).length) m.to_actors = strs(d.to_actors);
  if (str(d.from_actor)) m.from_actor = str(d.from_actor);
  if (d.tag_sources && typeof d.tag_sources === 'object' && !Array.isArray(d.tag_sources)) {
    m.tag_sources = Object.fromEntries(
      Object.entries(d.tag_sources as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'),
    ) as Message['tag_sources'];
  }
  if (kind) m.status = 'open';
  return m;
}

/** Puts `m` in a list kept newest first; a message already there stays as it is. */
export function addMessage(list: readonly Message[], m: Message): Message[] {
  if (list.some((x) => x.id === m.id)) return list as Message[];
  const at = list.findIndex((x) => x.id < m.id);
  return at < 0 ? [...list, m] : [...list.slice(0, at), m, ...list.slice(at)];
}

/**
 * Puts a message the server answered with (after a send or a request step) in the
 * list: added when new, else kept from whichever copy knows more of the request's steps.
 */
export function upsertMessage(list: readonly Message[] | undefined, m: Message): Message[] | undefined {
  if (!list) return list;
  const i = list.findIndex((x) => x.id === m.id);
  if (i < 0) return addMessage(list, m);
  const old = list[i]!;
  if ((old.steps ?? []).length > (m.steps ?? []).length) return list as Message[];
  // Tag corrections travel on their own event; keep what the list knew of them.
  const merged = { ...m, corrected_cbms: m.corrected_cbms ?? old.corrected_cbms, corrected_by: m.corrected_by ?? old.corrected_by };
  return list.map((x, j) => (j === i ? merged : x));
}

function updateMessage(list: readonly Message[], id: number, change: (m: Message) => Message | null): Message[] {
  const i = list.findIndex((x) => x.id === id);
  const next = i < 0 ? null : change(list[i]!);
  if (!next) return list as Message[];
  return list.map((x, j) => (j === i ? next : x));
}

/** message.sent: the message joins the list. */
export function foldMessageSent(list: readonly Message[], e: ExerciseEvent): Message[] {
  return addMessage(list, messageFromEvent(e));
}

/** request.updated: a request takes a step (each status at most once, as the server allows). */
export function foldRequestUpdated(list: readonly Message[], e: ExerciseEvent): Message[] {
  const d = e.data;
  const status = str(d.status) as RequestStep['status'];
  return updateMessage(list, num(d.message), (m) => {
    if ((m.steps ?? []).some((s) => s.status === status)) return null;
    const step: RequestStep = {
      status,
      team_id: num(d.team_id),
      by: str(d.by),
      at: e.at,
      offset_seconds: e.offset_seconds,
      after_seconds: e.offset_seconds - m.offset_seconds,
    };
    if (str(d.note)) step.note = str(d.note);
    if (num(d.answer)) step.answer = num(d.answer);
    return { ...m, status, steps: [...(m.steps ?? []), step] };
  });
}

/** message.retagged (facilitators only): their correction of the CBM tags. */
export function foldRetagged(list: readonly Message[], e: ExerciseEvent): Message[] {
  const cbms = strs(e.data.cbms);
  const by = str(e.data.by);
  return updateMessage(list, num(e.data.message), (m) =>
    m.corrected_by === by && sameList(m.corrected_cbms ?? null, cbms) ? null : { ...m, corrected_cbms: cbms, corrected_by: by },
  );
}

function sameList(a: readonly string[] | null, b: readonly string[]): boolean {
  return !!a && a.length === b.length && a.every((x, i) => x === b[i]);
}

/** poc.updated: a team's points of contact replace what the directory showed for it. */
export function foldPocUpdated(rows: readonly PocDirectoryRow[], e: ExerciseEvent): PocDirectoryRow[] {
  const team = num(e.data.team_id);
  const entries = Array.isArray(e.data.entries) ? (e.data.entries as PocEntry[]) : [];
  const by = str(e.data.by);
  const i = rows.findIndex((r) => r.team_id === team);
  const old = rows[i];
  if (!old || (old.updated_by === by && JSON.stringify(old.entries ?? []) === JSON.stringify(entries))) return rows as PocDirectoryRow[];
  const complete = (['policy', 'technical'] as const).every((role) => entries.some((x) => x.role === role && x.name !== ''));
  return rows.map((r, j) => (j === i ? { ...r, entries, updated_by: by, complete } : r));
}
