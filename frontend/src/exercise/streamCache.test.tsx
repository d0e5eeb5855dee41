import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { exerciseKeys } from './api';
import { messageKeys, type Message } from './messages/api';
import { messageFromEvent } from './messages/fold';
import { EVENT_TYPES, type ExerciseEvent } from './stream';
import { applyEvents, STREAM_CACHE_UPDATES, useStreamCache } from './streamCache';

const sent = (seq: number): ExerciseEvent => ({
  seq,
  type: 'message.sent',
  at: 'T',
  offset_seconds: seq,
  data: { from: 1, from_name: 'V', to: [2], channel: 'poc_hotline', subject: `s${seq}`, body: 'b', cbms: [] },
});

function client() {
  return new QueryClient({ defaultOptions: { queries: { retry: false } } });
}

describe('STREAM_CACHE_UPDATES', () => {
  it('has a row for every event type of the catalogue, and no other', () => {
    expect(Object.keys(STREAM_CACHE_UPDATES).sort()).toEqual([...EVENT_TYPES].sort());
  });
});

describe('applyEvents', () => {
  it('folds messages into the loaded list and refetches only what a payload cannot rebuild', () => {
    const qc = client();
    const list = [messageFromEvent(sent(1))];
    qc.setQueryData(messageKeys.messages(7), list);
    const invalidate = vi.spyOn(qc, 'invalidateQueries');
    applyEvents(qc, 7, [sent(2), sent(3)]);
    expect(qc.getQueryData<Message[]>(messageKeys.messages(7))!.map((m) => m.id)).toEqual([3, 2, 1]);
    expect(invalidate).not.toHaveBeenCalled();
    applyEvents(qc, 7, [{ seq: 4, type: 'commcheck.sent', at: 'T', offset_seconds: 4, data: {} }]);
    expect(invalidate).toHaveBeenCalledWith({ queryKey: messageKeys.commchecks(7) });
  });

  it('refetches a view that an event cannot be applied to, instead of folding it', () => {
    const qc = client();
    const held = {
      key: 'leak',
      title: 'Leak',
      phase: 'p',
      channel: 'news',
      from: 'F',
      audience: { all: true },
      scheduled_seconds: null,
      contingency: false,
      state: 'held',
      released_seconds: null,
      late: false,
      body: '',
    };
    qc.setQueryData(exerciseKeys.injects(7), [held]);
    const invalidate = vi.spyOn(qc, 'invalidateQueries');
    // Back from held, the inject's time is the server's to say.
    applyEvents(qc, 7, [{ seq: 5, type: 'inject.unheld', at: 'T', offset_seconds: 5, data: { key: 'leak' } }]);
    expect(invalidate).toHaveBeenCalledWith({ queryKey: exerciseKeys.injects(7) });
    expect(qc.getQueryData(exerciseKeys.injects(7))).toEqual([held]);
  });

  it('leaves a view alone while it is not loaded', () => {
    const qc = client();
    applyEvents(qc, 7, [sent(2)]);
    expect(qc.getQueryData(messageKeys.messages(7))).toBeUndefined();
  });
});

describe('useStreamCache', () => {
  it('folds the events seen while the first fetch was under way into its answer, and fetches once', async () => {
    const qc = client();
    let answer!: (v: Message[]) => void;
    const queryFn = vi.fn(() => new Promise<Message[]>((resolve) => (answer = resolve)));
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={qc}>{children}</QueryClientProvider>;
    const { result, rerender } = renderHook(
      ({ events }: { events: ExerciseEvent[] }) => {
        useStreamCache(7, events);
        return useQuery({ queryKey: messageKeys.messages(7), queryFn, staleTime: Infinity });
      },
      { wrapper, initialProps: { events: [sent(1)] } },
    );
    rerender({ events: [sent(1), sent(2)] });
    // The server answered before message 2 was written.
    await act(async () => answer([messageFromEvent(sent(1))]));
    await waitFor(() => expect(result.current.data?.map((m) => m.id)).toEqual([2, 1]));
    rerender({ events: [sent(1), sent(2), sent(3)] });
    await waitFor(() => expect(result.current.data?.map((m) => m.id)).toEqual([3, 2, 1]));
    expect(queryFn).toHaveBeenCalledTimes(1);
  });
});
