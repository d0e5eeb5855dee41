import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../api/queryClient';
import { jsonResponse, mockFetch } from '../../test/utils';
import type { Team } from '../api';
import type { MessageChannel } from '../messages/api';
import { PocDirectory } from '../messages/PocDirectory';
import { usableChannels } from '../messages/channelKinds';
import { Composer, type ComposerDraft } from './Composer';

afterEach(() => vi.unstubAllGlobals());

const EVERY = ['state', 'organisation'] as MessageChannel['kinds'];
const STATES = ['state'] as MessageChannel['kinds'];
const channels: MessageChannel[] = [
  { key: 'poc_hotline', title: 'Point-of-contact hotline', cbms: ['8'], all_teams: false, control: false, kinds: EVERY },
  { key: 'osce_network', title: 'OSCE Communications Network', cbms: ['10'], all_teams: false, control: false, kinds: STATES },
  { key: 'diplomatic_note', title: 'Diplomatic note', cbms: [], all_teams: false, control: false, kinds: STATES },
  { key: 'consultation_request', title: 'Consultation request', cbms: ['3'], all_teams: false, control: false, kinds: STATES },
  { key: 'public_statement', title: 'Public statement', cbms: [], all_teams: true, control: false, kinds: EVERY },
  { key: 'control', title: 'Exercise control', cbms: [], all_teams: false, control: true, kinds: EVERY },
];
const teams: Team[] = [
  { id: 1, key: 'halvena', name: 'Halvena', kind: 'state' },
  { id: 2, key: 'ngoa', name: 'Grid operators', kind: 'organisation' },
];
const title = (k: string) => channels.find((c) => c.key === k)?.title ?? k;

function wrap(ui: React.ReactNode) {
  mockFetch({
    'GET /api/v1/cbms': () => jsonResponse(200, { default: 'osce', catalogues: [] }),
    'GET /api/v1/exercises/5': () => jsonResponse(200, { exercise: { scenario: { request_kinds: [] } } }),
    'GET /api/v1/exercises/5/poc': () =>
      jsonResponse(200, {
        directory: [
          { team_id: 1, team: 'Halvena', entries: [{ role: 'policy', name: 'MFA desk', channel: 'osce_network' }], updated_by: '', complete: false },
          { team_id: 2, team: 'Grid operators', entries: [{ role: 'technical', name: 'Control room', channel: 'poc_hotline' }], updated_by: '', complete: false },
        ],
      }),
  });
  const client = createQueryClient();
  client.setDefaultOptions({ queries: { retry: false } });
  return render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}

function offered(self: number, draft?: ComposerDraft) {
  wrap(
    <Composer
      exerciseId={5}
      self={self}
      teams={teams}
      channels={channels}
      channelTitle={title}
      teamName={(id) => String(id)}
      {...(draft ? { draft } : {})}
    />,
  );
  const form = screen.getByRole('form', { name: draft?.replyTo ? 'Reply' : 'New message' });
  const select = within(form).getByRole('combobox', { name: /Channel/ });
  return within(select)
    .getAllByRole('option')
    .map((o) => o.textContent);
}

describe('who may use which channel', () => {
  it("offers an organisation's team only the channels every team may use, and says why", () => {
    expect(offered(2)).toEqual(['Point-of-contact hotline', 'Public statement', 'Exercise control']);
    expect(
      screen.getByText("Only participating States' teams write on: OSCE Communications Network, Diplomatic note, Consultation request."),
    ).toBeInTheDocument();
  });

  it("offers a State's team every channel", () => {
    expect(offered(1)).toHaveLength(channels.length);
    expect(screen.queryByText(/Only participating States' teams/)).not.toBeInTheDocument();
  });

  it("starts an organisation's reply to a message on the OSCE network on a channel it may use", () => {
    offered(2, { channel: 'osce_network', to: [1], replyTo: 9 });
    expect(screen.getByRole('combobox', { name: /Channel/ })).toHaveValue('poc_hotline');
  });

  it('leaves the channels alone when the kind is unknown', () => {
    expect(usableChannels(channels, undefined)).toHaveLength(channels.length);
  });

  it("lists the States' points of contact, and the organisations' apart as partners", async () => {
    wrap(<PocDirectory exerciseId={5} self={1} channels={channels} channelTitle={title} teams={teams} />);
    const partners = await screen.findByRole('region', { name: 'National and private partners (CBMs 14 and 15)' });
    expect(within(partners).getByText('Grid operators')).toBeInTheDocument();
    expect(within(partners).queryByText('Halvena')).not.toBeInTheDocument();
    const directory = screen.getByRole('region', { name: 'Points-of-contact directory' });
    expect(within(directory).getByText('Halvena')).toBeInTheDocument();
  });
});
