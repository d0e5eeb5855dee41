import { QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../api/queryClient';
import { jsonResponse, mockFetch } from '../../test/utils';
import type { Message, MessageChannel } from '../messages/api';
import { foldVoiced, whiteCellInbox, whiteCellWaiting } from '../whitecell';
import { WhiteCell } from './WhiteCell';

afterEach(() => vi.unstubAllGlobals());

const channels: MessageChannel[] = [
  { key: 'osce_network', title: 'OSCE Communications Network', cbms: ['10'], all_teams: false, control: false, kinds: ['state'] },
  { key: 'control', title: 'Exercise control', cbms: [], all_teams: false, control: true, kinds: ['state', 'organisation'] },
];
const actors = [{ key: 'secretariat', name: 'OSCE Secretariat', kind: 'international_organisation', channels: ['osce_network'], note: 'Never takes sides.' }];

function msg(id: number, o: Partial<Message>): Message {
  return {
    id, from: 1, from_name: 'Ana', to: [], to_control: false, all: false, channel: 'osce_network', subject: `Subject ${id}`,
    body: 'Body', cbms: [], kind: '', sent_at: '2026-11-27T09:00:00Z', offset_seconds: id * 60, ...o,
  };
}

const messages: Message[] = [
  msg(1, { to_actors: ['secretariat'], subject: 'Old question' }),
  msg(2, { from: 0, from_name: 'OSCE Secretariat', from_actor: 'secretariat', to: [1], reply_to: 1, subject: 'Re: Old question' }),
  msg(3, { to_actors: ['secretariat'], subject: 'Newer question' }),
  msg(4, { to: [2], subject: 'Between teams' }),
  msg(5, { to_control: true, channel: 'control', subject: 'To control' }),
];

describe('the white cell inbox', () => {
  it('lists messages to actors and to control, unanswered first, newest first', () => {
    expect(whiteCellInbox(messages).map((x) => [x.m.id, x.answered])).toEqual([
      [5, false],
      [3, false],
      [1, true],
    ]);
    expect(whiteCellWaiting(messages)).toBe(2);
  });

  it('folds who wrote as an actor into the staff copy of the message', () => {
    const out = foldVoiced(messages, { data: { message: 2, actor: 'secretariat', by: 'Fatima' } });
    expect(out.find((m) => m.id === 2)?.by).toBe('Fatima');
  });

  it('answers as the actor the message was written to', async () => {
    const sent: unknown[] = [];
    mockFetch({
      'GET /api/v1/cbms': () => jsonResponse(200, { default: 'osce', catalogues: [] }),
      'GET /api/v1/exercises/5': () => jsonResponse(200, { exercise: { scenario: { request_kinds: [], actors } } }),
      'POST /api/v1/exercises/5/messages': (_url, init) => {
        sent.push(JSON.parse(String(init.body)));
        return jsonResponse(201, { message: msg(6, { from: 0, from_actor: 'secretariat', to: [1], reply_to: 3 }) });
      },
    });
    const client = createQueryClient();
    client.setDefaultOptions({ queries: { retry: false }, mutations: { retry: false } });
    render(
      <QueryClientProvider client={client}>
        <WhiteCell
          exerciseId={5}
          messages={messages}
          channels={channels}
          channelTitle={(k) => channels.find((c) => c.key === k)!.title}
          teamName={(id) => (id === 0 ? 'Exercise control' : id === 1 ? 'Kestria' : 'Veskland')}
          canAnswer
        />
      </QueryClientProvider>,
    );
    const items = screen.getAllByRole('article');
    expect(items.map((a) => within(a).getByRole('heading').textContent)).toEqual(['To control', 'Newer question', 'Old question']);
    expect(within(items[1]!).getByText('Unanswered')).toBeInTheDocument();
    expect(await screen.findByText('Never takes sides.')).toBeInTheDocument();
    fireEvent.click(await within(items[1]!).findByRole('button', { name: 'Answer as OSCE Secretariat' }));
    const form = within(items[1]!).getByRole('form', { name: 'Answer as OSCE Secretariat' });
    fireEvent.change(within(form).getByRole('textbox'), { target: { value: 'On the agenda.' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ as_actor: 'secretariat', to: [1], reply_to: 3, channel: 'osce_network', subject: 'Re: Newer question' });
    // A message to control is answered as control, on a channel the facilitators can write on.
    expect(within(items[0]!).getByRole('button', { name: 'Answer' })).toBeInTheDocument();
  });
});
