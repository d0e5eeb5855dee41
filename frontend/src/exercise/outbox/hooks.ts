import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import type { Schema } from '../../api/client';
import { messageKeys } from '../messages/api';
import { upsertMessage } from '../messages/fold';
import type { ConnectionState } from '../stream';
import { outboxFor, type OutboxItem } from './outbox';

/** The exercise's writes that wait to be sent (oldest first). */
export function useOutboxItems(exerciseId: number): readonly OutboxItem[] {
  const box = outboxFor(exerciseId);
  const all = useSyncExternalStore(
    (fn) => box.subscribe(fn),
    () => box.snapshot(),
  );
  return all;
}

/**
 * Keeps the room and its outbox together: writes sent from the queue go into the
 * page's data like a direct send would, and the queue is tried again as soon as the
 * browser is online or the live stream is back.
 */
export function useOutboxSync(exerciseId: number, stream: ConnectionState, owner: string) {
  const qc = useQueryClient();
  const box = outboxFor(exerciseId);
  useEffect(() => box.setOwner(owner), [box, owner]);
  useEffect(
    () =>
      box.onDelivered((item, result) => {
        const m = (result as { message?: Schema<'Message'> } | undefined)?.message;
        if ((item.kind === 'message' || item.kind === 'step') && m) {
          qc.setQueryData<Schema<'Message'>[]>(messageKeys.messages(exerciseId), (list) => upsertMessage(list, m));
        }
        if (item.kind === 'ack') void qc.invalidateQueries({ queryKey: messageKeys.commchecks(exerciseId) });
      }),
    [box, qc, exerciseId],
  );
  useEffect(() => {
    const online = () => box.nudge();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [box]);
  useEffect(() => {
    if (stream === 'live') box.nudge();
  }, [box, stream]);
}
