import 'fake-indexeddb/auto';
import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../api/queryClient';
import { jsonResponse, mockFetch } from '../../test/utils';
import type { MessageChannel } from '../messages/api';
import { Composer } from '../room/Composer';
import { AnswerBox } from '../room/StageQuestions';
import { loadDraft } from './drafts';
import { resetOutboxes } from './outbox';
import { setRoomStore } from './store';

afterEach(() => {
  vi.unstubAllGlobals();
  resetOutboxes();
});

const channels: MessageChannel[] = [
  { key: 'poc_hotline', title: 'Point-of-contact hotline', cbms: [], all_teams: false, control: false, kinds: ['state'] },
];
const teams = [
  { id: 1, key: 'val', name: 'Valdoria' },
  { id: 2, key: 'est', name: 'Esterra' },
] as never;

function renderComposer() {
  mockFetch({
    'GET /api/v1/cbms': () => jsonResponse(200, { default: 'osce', catalogues: [] }),
    'GET /api/v1/exercises/21': () => jsonResponse(200, { exercise: { scenario: { request_kinds: [] } } }),
  });
  const client = createQueryClient();
  client.setDefaultOptions({ queries: { retry: false }, mutations: { retry: false } });
  return render(
    <QueryClientProvider client={client}>
      <Composer
        exerciseId={21}
        self={1}
        teams={teams}
        channels={channels}
        channelTitle={(k) => channels.find((c) => c.key === k)!.title}
        teamName={(id) => (id === 2 ? 'Esterra' : 'Valdoria')}
      />
    </QueryClientProvider>,
  );
}

describe('drafts kept in the browser', () => {
  it('bring back a message being written after a reload', async () => {
    const first = renderComposer();
    const form = screen.getByRole('form', { name: 'New message' });
    await userEvent.click(within(form).getByRole('checkbox', { name: 'Esterra' }));
    await userEvent.type(within(form).getByLabelText('Subject'), 'Cable cut');
    await userEvent.type(within(form).getByLabelText('Message'), 'Traffic is rerouted.');
    await waitFor(async () => expect(await loadDraft(21, 'composer:new')).toMatchObject({ subject: 'Cable cut', to: [2] }));
    first.unmount();

    setRoomStore(undefined); // a reload: the same database, opened afresh
    renderComposer();
    const again = screen.getByRole('form', { name: 'New message' });
    await waitFor(() => expect(within(again).getByLabelText('Subject')).toHaveValue('Cable cut'));
    expect(within(again).getByLabelText('Message')).toHaveValue('Traffic is rerouted.');
    expect(within(again).getByRole('checkbox', { name: 'Esterra' })).toBeChecked();
  });

  it('bring back a stage answer the server never got, and save it again', async () => {
    const saves: unknown[] = [];
    let online = false;
    mockFetch({
      'PUT /api/v1/exercises/22/answers/p1/q1': (_url, init) => {
        if (!online) throw new TypeError('Failed to fetch');
        saves.push(JSON.parse(String(init.body)));
        return jsonResponse(200, {});
      },
    });
    const box = () => <AnswerBox exerciseId={22} phase="p1" question="q1" text="Who speaks for your team?" answer={undefined} closed={false} />;
    const first = render(box());
    await userEvent.type(screen.getByLabelText('Who speaks for your team?'), 'The deputy');
    await waitFor(async () => expect(await loadDraft(22, 'answer:p1:q1')).toBe('The deputy'));
    first.unmount();

    setRoomStore(undefined);
    resetOutboxes();
    online = true;
    render(box());
    await waitFor(() => expect(screen.getByLabelText('Who speaks for your team?')).toHaveValue('The deputy'));
    await waitFor(() => expect(saves).toContainEqual({ text: 'The deputy' }));
    await waitFor(async () => expect(await loadDraft(22, 'answer:p1:q1')).toBeUndefined());
  }, 30_000);
});
