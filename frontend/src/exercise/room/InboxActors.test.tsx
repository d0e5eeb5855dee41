import { QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../api/queryClient';
import { jsonResponse, mockFetch } from '../../test/utils';
import type { Message, MessageChannel } from '../messages/api';
import type { ReleasedInject } from '../projection';
import { Inbox } from './Inbox';

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

const channels: MessageChannel[] = [
  { key: 'poc_hotline', title: 'Point-of-contact hotline', cbms: ['8'], all_teams: false, control: false, kinds: ['state', 'organisation'] },
  { key: 'osce_network', title: 'OSCE Communications Network', cbms: ['10'], all_teams: false, control: false, kinds: ['state'] },
];
const actors = [{ key: 'secretariat', name: 'OSCE Secretariat', kind: 'international_organisation', channels: ['osce_network'] }];
const base = { to_control: false, all: false, channel: 'osce_network', cbms: [], kind: '' as const, sent_at: '2026-11-27T09:00:00Z' };
const messages: Message[] = [
  { ...base, id: 5, from: 0, from_name: 'OSCE Secretariat', from_actor: 'secretariat', to: [1], reply_to: 3, subject: 'Re: Cable cut', body: 'On the agenda.', offset_seconds: 50 },
  { ...base, id: 3, from: 1, from_name: 'Vera', to: [], to_actors: ['secretariat'], subject: 'Cable cut', body: 'Can you help?', offset_seconds: 30 },
];
const injects: ReleasedInject[] = [
  {
    seq: 8,
    key: 'official-note',
    title: 'Invitation to share lessons',
    channel: 'osce_network',
    from: 'OSCE Secretariat',
    fromActor: 'secretariat',
    body: 'The Secretariat follows up.',
    teams: [],
    all: true,
    source: 'schedule',
    late: false,
    offsetSeconds: 80,
    at: '2026-11-27T09:01:20Z',
    lang: 'en',
    fallback: [],
  },
];

describe("the room's conversation with an actor", () => {
  it("shows the Secretariat's inject in the thread of the team's message, and a reply goes to the Secretariat", async () => {
    const sent: unknown[] = [];
    mockFetch({
      'GET /api/v1/cbms': () => jsonResponse(200, { default: 'osce', catalogues: [] }),
      'GET /api/v1/exercises/5': () => jsonResponse(200, { exercise: { scenario: { request_kinds: [], actors } } }),
      'POST /api/v1/exercises/5/messages': (_url, init) => {
        sent.push(JSON.parse(String(init.body)));
        return jsonResponse(500);
      },
    });
    const client = createQueryClient();
    client.setDefaultOptions({ queries: { retry: false }, mutations: { retry: false } });
    render(
      <QueryClientProvider client={client}>
        <Inbox
          exerciseId={5}
          self={1}
          messages={messages}
          injects={injects}
          teams={[{ id: 1, key: 'kes', name: 'Kestria' }] as never}
          channels={channels}
          channelTitle={(k) => channels.find((c) => c.key === k)?.title ?? k}
          teamName={(id) => (id === 1 ? 'Kestria' : 'Exercise control')}
        />
      </QueryClientProvider>,
    );
    const list = screen.getByRole('list', { name: 'Conversations' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    fireEvent.click(within(list).getByRole('button'));
    const thread = screen.getByRole('region', { name: 'Conversation: Cable cut' });
    const articles = within(thread).getAllByRole('article');
    expect(articles.map((a) => a.getAttribute('data-message-id'))).toEqual(['3', '5', '8']);
    expect(within(articles[2]!).getByText('Inject (also shown among the injects)')).toBeInTheDocument();

    fireEvent.click(within(thread).getByRole('button', { name: 'Reply' }));
    const form = await screen.findByRole('form', { name: 'Reply' }); // the composer loads lazily
    expect(await within(form).findByRole('checkbox', { name: /OSCE Secretariat/ })).toBeChecked();
    fireEvent.change(within(form).getByLabelText('Message'), { target: { value: 'Thank you.' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    // The reply names the Secretariat's answer: the inject is no message the server knows.
    expect(sent[0]).toMatchObject({ to: [], to_actors: ['secretariat'], to_control: false, reply_to: 5 });
  });
});

describe('a reply to an inject from an actor', () => {
  it('goes to the actor on a channel that reaches it, naming no reply_to', async () => {
    const sent: unknown[] = [];
    mockFetch({
      'GET /api/v1/cbms': () => jsonResponse(200, { default: 'osce', catalogues: [] }),
      'GET /api/v1/exercises/5': () => jsonResponse(200, { exercise: { scenario: { request_kinds: [], actors } } }),
      'POST /api/v1/exercises/5/messages': (_url, init) => {
        sent.push(JSON.parse(String(init.body)));
        return jsonResponse(500);
      },
    });
    const client = createQueryClient();
    client.setDefaultOptions({ queries: { retry: false }, mutations: { retry: false } });
    // An official note reaches no actor: the Secretariat is reached on the OSCE network.
    const note = { ...injects[0]!, channel: 'official_note' };
    render(
      <QueryClientProvider client={client}>
        <Inbox
          exerciseId={5}
          self={1}
          messages={[]}
          injects={[note]}
          teams={[{ id: 1, key: 'kes', name: 'Kestria', kind: 'state' }] as never}
          channels={channels}
          channelTitle={(k) => channels.find((c) => c.key === k)?.title ?? k}
          teamName={(id) => (id === 1 ? 'Kestria' : 'Exercise control')}
        />
      </QueryClientProvider>,
    );
    fireEvent.click(within(screen.getByRole('list', { name: 'Conversations' })).getByRole('button'));
    const thread = screen.getByRole('region', { name: 'Conversation: Invitation to share lessons' });
    // Wait for the actors (the exercise query) before replying, as a reader would see them.
    await waitFor(() => expect(client.getQueryData(['exercises', 5])).toBeDefined());
    fireEvent.click(within(thread).getByRole('button', { name: 'Reply' }));
    // Not a reply the server knows (an inject is no message): a new message, addressed.
    const form = await screen.findByRole('form', { name: 'New message' }); // the composer loads lazily
    expect(within(form).getByLabelText('Subject')).toHaveValue('Re: Invitation to share lessons');
    expect(within(form).getByRole('combobox', { name: /Channel/ })).toHaveValue('osce_network');
    expect(await within(form).findByRole('checkbox', { name: /OSCE Secretariat/ })).toBeChecked();
    fireEvent.change(within(form).getByLabelText('Message'), { target: { value: 'We will present our findings.' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ channel: 'osce_network', to_actors: ['secretariat'], to_control: false });
    expect(sent[0]).not.toHaveProperty('reply_to');
  });
});
