import { QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../api/queryClient';
import { jsonResponse, mockFetch } from '../../test/utils';
import type { MessageChannel } from '../messages/api';
import { Composer } from './Composer';

afterEach(() => vi.unstubAllGlobals());

const channels: MessageChannel[] = [
  { key: 'poc_hotline', title: 'Point-of-contact hotline', cbms: ['8'], all_teams: false, control: false, kinds: ['state', 'organisation'] },
  { key: 'osce_network', title: 'OSCE Communications Network', cbms: ['10'], all_teams: false, control: false, kinds: ['state'] },
];
const actors = [
  { key: 'secretariat', name: 'OSCE Secretariat', kind: 'international_organisation', channels: ['osce_network'] },
  { key: 'tessel', name: 'Tessel Subsea Consortium', kind: 'company', channels: ['poc_hotline', 'osce_network'] },
];

function renderComposer(sent: unknown[]) {
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
      <Composer
        exerciseId={5}
        self={1}
        teams={[{ id: 1, key: 'kes', name: 'Kestria' }, { id: 2, key: 'ves', name: 'Veskland' }] as never}
        channels={channels}
        channelTitle={(k) => channels.find((c) => c.key === k)!.title}
        teamName={(id) => (id === 2 ? 'Veskland' : 'Kestria')}
      />
    </QueryClientProvider>,
  );
  return screen.getByRole('form', { name: 'New message' });
}

describe('the composer and the white cell', () => {
  it('offers the actors under their own group, only on channels that reach them, and sends to_actors', async () => {
    const sent: unknown[] = [];
    const form = renderComposer(sent);
    const group = await within(form).findByRole('group', { name: 'Others (played by the exercise control)' });
    // On the hotline the Secretariat cannot be reached; the consortium can.
    const secretariat = within(group).getByRole('checkbox', { name: /OSCE Secretariat/ });
    expect(secretariat).toBeDisabled();
    expect(within(group).getByText(/not on this channel/)).toBeInTheDocument();
    fireEvent.change(within(form).getByLabelText('Channel'), { target: { value: 'osce_network' } });
    expect(secretariat).toBeEnabled();
    fireEvent.click(secretariat);
    fireEvent.change(within(form).getByLabelText('Subject'), { target: { value: 'Cable' } });
    fireEvent.change(within(form).getByLabelText('Message'), { target: { value: 'Can the Secretariat help?' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ to: [], to_actors: ['secretariat'], channel: 'osce_network', to_control: false });
  });

  it('does not send to an actor the channel no longer reaches', async () => {
    const sent: unknown[] = [];
    const form = renderComposer(sent);
    fireEvent.change(within(form).getByLabelText('Channel'), { target: { value: 'osce_network' } });
    fireEvent.click(await within(form).findByRole('checkbox', { name: /OSCE Secretariat/ }));
    fireEvent.change(within(form).getByLabelText('Channel'), { target: { value: 'poc_hotline' } });
    fireEvent.change(within(form).getByLabelText('Subject'), { target: { value: 'Cable' } });
    fireEvent.change(within(form).getByLabelText('Message'), { target: { value: 'Hello' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Send' }));
    expect(await within(form).findByText('Choose at least one recipient.')).toBeInTheDocument();
    expect(sent).toHaveLength(0);
  });
});
