/**
 * The room's storage in the browser (IndexedDB, through idb-keyval): the outbox's
 * writes and the drafts, so that both survive a reload and a closed tab. Where
 * IndexedDB cannot be used (some private windows, tests without it) a map in memory
 * stands in: the room still works, it only forgets on reload.
 */
import { createStore, del, entries, get, set, type UseStore } from 'idb-keyval';

export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  /** Every entry whose key starts with `prefix`. */
  list<T>(prefix: string): Promise<[string, T][]>;
}

function idbStore(db: UseStore): KeyValueStore {
  return {
    get: (key) => get(key, db),
    set: (key, value) => set(key, value, db),
    del: (key) => del(key, db),
    list: async <T>(prefix: string) =>
      (await entries<string, T>(db)).filter(([k]) => typeof k === 'string' && k.startsWith(prefix)),
  };
}

export function memoryStore(): KeyValueStore {
  const m = new Map<string, unknown>();
  return {
    get: <T>(key: string) => Promise.resolve(m.get(key) as T | undefined),
    set: (key, value) => {
      m.set(key, structuredClone(value));
      return Promise.resolve();
    },
    del: (key) => {
      m.delete(key);
      return Promise.resolve();
    },
    list: <T>(prefix: string) =>
      Promise.resolve([...m].filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k, v as T] as [string, T])),
  };
}

/**
 * A store that falls back to memory for good after the first IndexedDB error (a
 * browser that refuses it answers every call with an error).
 */
function fallbackStore(primary: KeyValueStore): KeyValueStore {
  const memory = memoryStore();
  let broken = false;
  const guard =
    <A extends unknown[], R>(f: (s: KeyValueStore) => (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      if (!broken) {
        try {
          return await f(primary)(...a);
        } catch {
          broken = true;
        }
      }
      return f(memory)(...a);
    };
  return {
    get: guard((s) => s.get) as KeyValueStore['get'],
    set: guard((s) => s.set),
    del: guard((s) => s.del),
    list: guard((s) => s.list) as KeyValueStore['list'],
  };
}

let shared: KeyValueStore | undefined;

/** The room's store: database "cbmex-room", object store "kv". */
export function roomStore(): KeyValueStore {
  if (!shared) {
    shared =
      typeof indexedDB === 'undefined' ? memoryStore() : fallbackStore(idbStore(createStore('cbmex-room', 'kv')));
  }
  return shared;
}

/** For tests: use this store instead (undefined: make a fresh one on next use). */
export function setRoomStore(s: KeyValueStore | undefined) {
  shared = s;
}
