/**
 * The room's outbox. Every write a participant makes (a message, a request step, a
 * stage answer, the points of contact, a comm-check acknowledgement) is stored in the
 * browser with its Idempotency-Key before it is sent. When the network fails before
 * an answer arrives the write stays and is sent again by itself, with the same key,
 * later (with backoff, when the browser says it is online again, or when the live
 * stream comes back): the server does it once whatever the number of tries. A write
 * the server refuses (a 4xx) is not retried: the form that made it shows why, or, for
 * a write retried after a reload, the outbox shows it with a way to discard it.
 */
import { apiRequest, isApiError, newIdempotencyKey } from '../../api/client';
import { roomStore, type KeyValueStore } from './store';

export type OutboxKind = 'message' | 'step' | 'answer' | 'poc' | 'ack';

export interface OutboxItem {
  /** The Idempotency-Key, also the item's name in the store. */
  key: string;
  exerciseId: number;
  kind: OutboxKind;
  method: 'POST' | 'PUT';
  /** Relative to /api/v1, filled in. */
  path: string;
  body?: unknown;
  /** What the room shows of it: a subject, a question, … */
  label: string;
  /** A later write with the same slot replaces this one (the same answer typed on). */
  slot?: string;
  created: number;
  /** Set once its first try failed for the network: the room lists it from then on. */
  queued: boolean;
  /** The server's reason when it refused a write retried later. */
  refused?: string;
  /**
   * Who wrote it (team and name): a browser shared by delegations never sends one
   * person's kept writes with another's session.
   */
  owner?: string | null;
}

export type OutboxInput = Pick<OutboxItem, 'kind' | 'method' | 'path' | 'body' | 'label' | 'slot'>;

/** What a submit came to: sent (with the server's answer), or kept to be sent later. */
export type SubmitResult = { delivered: true; result: unknown } | { delivered: false };

export type DeliveredListener = (item: OutboxItem, result: unknown) => void;

/** Waits between tries of a kept write: 2 s, 4 s, 8 s, then every 10 s. */
export function retryDelayMs(failures: number): number {
  return Math.min(10_000, 2_000 * 2 ** Math.max(0, failures - 1));
}

const PREFIX = 'outbox:';

type Send = (item: OutboxItem) => Promise<unknown>;

const defaultSend: Send = (item) =>
  apiRequest(item.path, { method: item.method, body: item.body, idempotencyKey: item.key });

/** Whether an error means the answer never came (the write may or may not have been done). */
function isNetworkFailure(err: unknown): boolean {
  return isApiError(err) ? err.status === 0 : !(err instanceof DOMException && err.name === 'AbortError');
}

export class Outbox {
  readonly exerciseId: number;
  private items: OutboxItem[] = [];
  private mine: OutboxItem[] = [];
  private owner: string | null = null;
  private readonly store: KeyValueStore;
  private readonly send: Send;
  private readonly listeners = new Set<() => void>();
  private readonly delivered = new Set<DeliveredListener>();
  private readonly waiting = new Map<string, (r: SubmitResult | { error: unknown }) => void>();
  private flushing: Promise<void> | null = null;
  private again = false;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  readonly loaded: Promise<void>;

  constructor(exerciseId: number, options: { store?: KeyValueStore; send?: Send } = {}) {
    this.exerciseId = exerciseId;
    this.store = options.store ?? roomStore();
    this.send = options.send ?? defaultSend;
    this.loaded = this.load();
  }

  private async load() {
    const kept = await this.store.list<OutboxItem>(`${PREFIX}${this.exerciseId}:`);
    const known = new Set(this.items.map((i) => i.key));
    // Kept from an earlier page: all of them were queued (or refused) there.
    const earlier = kept.map(([, v]) => ({ ...v, queued: true })).filter((i) => !known.has(i.key));
    if (earlier.length === 0) return;
    this.items = [...earlier, ...this.items].sort((a, b) => a.created - b.created);
    this.changed();
    void this.flush();
  }

  /** The viewer's writes not sent yet, oldest first (a new array after each change). */
  snapshot(): readonly OutboxItem[] {
    return this.mine;
  }

  /** The writes the room lists: those that could not be sent at once. */
  queued(): OutboxItem[] {
    return this.mine.filter((i) => i.queued);
  }

  /** Who uses the room now: only their kept writes are listed and sent. */
  setOwner(owner: string) {
    if (owner === this.owner) return;
    this.owner = owner;
    this.changed();
    this.nudge();
  }

  private isMine(item: OutboxItem) {
    return (item.owner ?? null) === this.owner;
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Called with each write sent from the queue (the first try's answer goes to submit's caller). */
  onDelivered(fn: DeliveredListener): () => void {
    this.delivered.add(fn);
    return () => this.delivered.delete(fn);
  }

  private changed() {
    this.items = [...this.items];
    this.mine = this.items.filter((i) => this.isMine(i));
    for (const fn of this.listeners) fn();
  }

  private storeKey(item: OutboxItem) {
    return `${PREFIX}${item.exerciseId}:${item.key}`;
  }

  /**
   * Keeps a write and sends it. Resolves with the server's answer once sent, or with
   * `delivered: false` when the network failed (it stays queued and is sent later);
   * rejects with the server's refusal (nothing is kept then).
   */
  async submit(input: OutboxInput): Promise<SubmitResult> {
    const item: OutboxItem = {
      ...input,
      key: newIdempotencyKey(),
      exerciseId: this.exerciseId,
      created: Date.now(),
      queued: false,
      owner: this.owner,
    };
    if (item.slot) {
      for (const old of this.mine.filter((i) => i.slot === item.slot)) await this.forget(old);
    }
    this.items.push(item);
    this.changed();
    await this.store.set(this.storeKey(item), item);
    const outcome = new Promise<SubmitResult | { error: unknown }>((resolve) => this.waiting.set(item.key, resolve));
    void this.flush();
    const r = await outcome;
    if ('error' in r) throw r.error;
    return r;
  }

  /** Drops a write without sending it (if it is on its way already, it may still arrive). */
  async discard(key: string) {
    const item = this.items.find((i) => i.key === key);
    if (item) await this.forget(item);
  }

  private async forget(item: OutboxItem) {
    this.items = this.items.filter((i) => i !== item);
    this.changed();
    this.waiting.get(item.key)?.({ delivered: false });
    this.waiting.delete(item.key);
    await this.store.del(this.storeKey(item));
  }

  /** Tries the queue now (the browser is online again, the stream is back). */
  nudge() {
    if (this.mine.some((i) => !i.refused)) {
      clearTimeout(this.timer);
      this.timer = undefined;
      void this.flush();
    }
  }

  /** Sends the queue in order; stops at the first network failure and tries again later. */
  flush(): Promise<void> {
    if (this.flushing) {
      this.again = true;
      return this.flushing;
    }
    this.flushing = this.run().finally(() => {
      this.flushing = null;
      if (this.again) {
        this.again = false;
        void this.flush();
      }
    });
    return this.flushing;
  }

  private async run() {
    for (;;) {
      const item = this.items.find((i) => !i.refused && this.isMine(i));
      if (!item) return;
      try {
        const result = await this.send(item);
        this.failures = 0;
        // The page shows what was sent before the outbox stops listing it.
        if (item.queued) for (const fn of this.delivered) fn(item, result);
        await this.settle(item, { delivered: true, result });
      } catch (err) {
        if (isNetworkFailure(err)) {
          this.holdAll();
          this.failures += 1;
          clearTimeout(this.timer);
          this.timer = setTimeout(() => {
            this.timer = undefined;
            void this.flush();
          }, retryDelayMs(this.failures));
          return;
        }
        if (this.waiting.has(item.key)) {
          // First try refused: the form shows why; nothing is kept.
          this.waiting.get(item.key)?.({ error: err });
          this.waiting.delete(item.key);
          await this.forget(item);
        } else {
          item.refused = err instanceof Error ? err.message : String(err);
          this.changed();
          await this.store.set(this.storeKey(item), item);
        }
      }
    }
  }

  private async settle(item: OutboxItem, r: SubmitResult) {
    this.waiting.get(item.key)?.(r);
    this.waiting.delete(item.key);
    this.items = this.items.filter((i) => i !== item);
    this.changed();
    await this.store.del(this.storeKey(item));
  }

  /** The network failed: every write waiting for its first try is now queued. */
  private holdAll() {
    let any = false;
    for (const item of this.mine) {
      if (!item.queued) {
        item.queued = true;
        any = true;
        void this.store.set(this.storeKey(item), item);
      }
      this.waiting.get(item.key)?.({ delivered: false });
      this.waiting.delete(item.key);
    }
    if (any) this.changed();
  }

  /** Stops the retry timer (the page leaves the exercise). */
  close() {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

const outboxes = new Map<number, Outbox>();

/** The one outbox of an exercise in this page. */
export function outboxFor(exerciseId: number): Outbox {
  let o = outboxes.get(exerciseId);
  if (!o) {
    o = new Outbox(exerciseId);
    outboxes.set(exerciseId, o);
  }
  return o;
}

/** For tests: forget every outbox of the page. */
export function resetOutboxes() {
  for (const o of outboxes.values()) o.close();
  outboxes.clear();
}
