import 'fake-indexeddb/auto';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';
import { clearDraft, loadDraft, saveDraft } from './drafts';
import { loadedAssets } from './offline';
import { Outbox, outboxFor, resetOutboxes, retryDelayMs, type OutboxItem } from './outbox';
import { OutboxList } from './OutboxList';
import { roomStore, setRoomStore } from './store';

const lost = () => Promise.reject(new ApiError(0, 'network_error', 'The server could not be reached.'));
const message = { kind: 'message', method: 'POST', path: '/exercises/1/messages', body: { subject: 'Hi' }, label: 'Hi' } as const;

let boxes: Outbox[] = [];
const box = (id: number, send: (i: OutboxItem) => Promise<unknown>) => {
  const b = new Outbox(id, { send });
  boxes.push(b);
  return b;
};

afterEach(() => {
  for (const b of boxes) b.close();
  boxes = [];
  resetOutboxes();
});

describe('the outbox', () => {
  it('keeps a write the network lost in IndexedDB and sends it after a reload with the same key', async () => {
    const first = box(11, lost);
    expect(await first.submit(message)).toEqual({ delivered: false });
    const [kept] = first.queued();
    expect(kept?.key).toMatch(/^[0-9a-f]{32}$/);
    first.close();

    // A reload: a fresh connection to the same database, a new outbox.
    setRoomStore(undefined);
    expect((await roomStore().list<OutboxItem>('outbox:11:')).map(([, v]) => v.key)).toEqual([kept!.key]);
    const sent: string[] = [];
    const second = box(11, (i) => {
      sent.push(i.key);
      return Promise.resolve({ message: { id: 5 } });
    });
    const delivered: unknown[] = [];
    second.onDelivered((_, r) => delivered.push(r));
    await second.loaded;
    await vi.waitFor(() => expect(second.snapshot()).toHaveLength(0));
    expect(sent).toEqual([kept!.key]);
    expect(delivered).toEqual([{ message: { id: 5 } }]);
    expect(await roomStore().list('outbox:11:')).toEqual([]);
  });

  it('answers a write sent at once with the server’s answer and keeps nothing', async () => {
    const b = box(12, () => Promise.resolve({ message: { id: 1 } }));
    expect(await b.submit(message)).toEqual({ delivered: true, result: { message: { id: 1 } } });
    expect(b.snapshot()).toHaveLength(0);
    expect(await roomStore().list('outbox:12:')).toEqual([]);
  });

  it('hands a refusal back to the form and keeps nothing', async () => {
    const refusal = new ApiError(422, 'invalid', 'Subject is required.', { subject: 'required' });
    const b = box(13, () => Promise.reject(refusal));
    await expect(b.submit(message)).rejects.toBe(refusal);
    expect(b.snapshot()).toHaveLength(0);
    expect(await roomStore().list('outbox:13:')).toEqual([]);
  });

  it('sends again by itself when nudged, once, with the same key', async () => {
    let online = false;
    const keys: string[] = [];
    const b = box(14, (i) => {
      keys.push(i.key);
      return online ? Promise.resolve({}) : lost();
    });
    expect((await b.submit(message)).delivered).toBe(false);
    online = true;
    b.nudge();
    await vi.waitFor(() => expect(b.snapshot()).toHaveLength(0));
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(1);
  });

  it('keeps only the newest text of an answer while it waits', async () => {
    const b = box(15, lost);
    const answer = (text: string) =>
      b.submit({ kind: 'answer', method: 'PUT', path: '/exercises/15/answers/p/q', body: { text }, label: 'Q', slot: 'answer:p:q' });
    await answer('first');
    await answer('first and second');
    expect(b.queued().map((i) => i.body)).toEqual([{ text: 'first and second' }]);
    expect(await roomStore().list('outbox:15:')).toHaveLength(1);
  });

  it('marks a kept write the server refuses later, and lets it be discarded', async () => {
    let answer: () => Promise<unknown> = lost;
    const b = box(16, () => answer());
    await b.submit(message);
    answer = () => Promise.reject(new ApiError(409, 'closed', 'The phase is closed.'));
    b.nudge();
    await vi.waitFor(() => expect(b.queued()[0]?.refused).toBe('The phase is closed.'));
    await b.discard(b.queued()[0]!.key);
    expect(b.snapshot()).toHaveLength(0);
    expect(await roomStore().list('outbox:16:')).toEqual([]);
  });

  it('sends and lists only the writes of the person now in the room', async () => {
    const first = box(19, lost);
    first.setOwner('1:Victor');
    await first.submit(message);
    first.close();

    setRoomStore(undefined);
    const sent: OutboxItem[] = [];
    const second = box(19, (i) => {
      sent.push(i);
      return Promise.resolve({});
    });
    second.setOwner('1:Vera'); // another delegate on the same browser
    await second.loaded;
    await second.flush();
    expect(sent).toEqual([]);
    expect(second.queued()).toEqual([]);
    second.setOwner('1:Victor');
    await vi.waitFor(() => expect(sent.map((i) => i.owner)).toEqual(['1:Victor']));
  });

  it('waits longer after each failure, at most ten seconds', () => {
    expect([1, 2, 3, 4, 9].map(retryDelayMs)).toEqual([2000, 4000, 8000, 10000, 10000]);
  });
});

describe('the room’s outbox list', () => {
  it('shows what waits for the connection and discards on request', async () => {
    const b = outboxFor(17);
    // The first try is refused by the network: fetch is not there in this test.
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    try {
      const done = b.submit({ ...message, path: '/exercises/17/messages', label: 'Cable cut near the border' });
      render(<OutboxList exerciseId={17} />);
      await done;
    } finally {
      vi.unstubAllGlobals();
    }
    const item = await screen.findByText('Cable cut near the border');
    expect(item.closest('li')).toHaveTextContent('Will be sent when the connection is back');
    await userEvent.click(screen.getByRole('button', { name: 'Discard “Cable cut near the border”' }));
    expect(screen.queryByText('Cable cut near the border')).not.toBeInTheDocument();
  }, 20_000);
});

describe('drafts', () => {
  it('are kept until cleared', async () => {
    await saveDraft(18, 'composer:new', { subject: 'S', body: 'B' });
    setRoomStore(undefined);
    expect(await loadDraft(18, 'composer:new')).toEqual({ subject: 'S', body: 'B' });
    await clearDraft(18, 'composer:new');
    expect(await loadDraft(18, 'composer:new')).toBeUndefined();
  });
});

describe('the files the room loaded', () => {
  it('are the built assets of this origin', () => {
    const entries = [
      { name: 'http://h/assets/room-1.js' },
      { name: 'http://h/api/v1/exercises/1' },
      { name: 'http://other/assets/x.js' },
      { name: 'http://h/assets/room-1.js' },
    ];
    expect(loadedAssets(entries, 'http://h')).toEqual(['/assets/room-1.js']);
  });
});
