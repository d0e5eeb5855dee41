/**
 * Drafts kept in the browser's storage beside the outbox: what a participant is typing
 * (a message in the composer, a stage answer) survives a reload, also while offline.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { roomStore } from './store';

const key = (exerciseId: number, name: string) => `draft:${exerciseId}:${name}`;

export function loadDraft<T>(exerciseId: number, name: string): Promise<T | undefined> {
  return roomStore()
    .get<T>(key(exerciseId, name))
    .catch(() => undefined);
}

export function saveDraft(exerciseId: number, name: string, value: unknown): Promise<void> {
  return roomStore()
    .set(key(exerciseId, name), value)
    .catch(() => undefined);
}

export function clearDraft(exerciseId: number, name: string): Promise<void> {
  return roomStore()
    .del(key(exerciseId, name))
    .catch(() => undefined);
}

/** How long typing pauses before the draft is written (every key would be many writes). */
export const DRAFT_DELAY_MS = 300;

/**
 * A draft for a form: `restored` is what was kept from before (once read; undefined
 * while reading or when there is none), `keep(value)` writes the current value after
 * a short pause, `drop()` forgets it (sent, cancelled).
 */
export function useDraft<T>(exerciseId: number, name: string) {
  const [restored, setRestored] = useState<{ value: T | undefined } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef<{ value: T } | null>(null);
  useEffect(() => {
    let live = true;
    void loadDraft<T>(exerciseId, name).then((value) => {
      if (live) setRestored({ value });
    });
    return () => {
      live = false;
    };
  }, [exerciseId, name]);
  // Typing not yet written when the form goes: write it now.
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      if (pending.current) void saveDraft(exerciseId, name, pending.current.value);
    },
    [exerciseId, name],
  );
  const keep = useCallback(
    (value: T) => {
      pending.current = { value };
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        pending.current = null;
        void saveDraft(exerciseId, name, value);
      }, DRAFT_DELAY_MS);
    },
    [exerciseId, name],
  );
  const drop = useCallback(() => {
    pending.current = null;
    clearTimeout(timer.current);
    void clearDraft(exerciseId, name);
  }, [exerciseId, name]);
  return { ready: restored !== null, restored: restored?.value, keep, drop };
}
