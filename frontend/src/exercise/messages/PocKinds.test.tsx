import { QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../api/queryClient';
import { jsonResponse, mockFetch } from '../../test/utils';
import type { Team } from '../api';
import type { MessageChannel } from './api';
import { PocDirectory } from './PocDirectory';

afterEach(() => vi.unstubAllGlobals());

const EVERY = ['state', 'organisation'] as MessageChannel['kinds'];
const STATES = ['state'] as MessageChannel['kinds'];
const channels: MessageChannel[] = [
  { key: 'poc_hotline', title: 'Point-of-contact hotline', cbms: ['8'], all_teams: false, control: false, kinds: EVERY },
  { key: 'osce_network', title: 'OSCE Communications Network', cbms: ['10'], all_teams: false, control: false, kinds: STATES },
  { key: 'diplomatic_note', title: 'Diplomatic note', cbms: [], all_teams: false, control: false, kinds: STATES },
  { key: 'public_statement', title: 'Public statement', cbms: [], all_teams: true, control: false, kinds: EVERY },
];
const teams: Team[] = [
  { id: 1, key: 'halvena', name: 'Halvena', kind: 'state' },
  { id: 2, key: 'ngoa', name: 'Grid operators', kind: 'organisation' },
];
const title = (k: string) => channels.find((c) => c.key === k)?.title ?? k;

function renderDirectory(self: number) {
  const saved: unknown[] = [];
  mockFetch({
    'GET /api/v1/exercises/5/poc': () =>
      jsonResponse(200, {
        directory: [
          { team_id: 1, team: 'Halvena', entries: [{ role: 'policy', name: 'MFA desk', channel: 'osce_network' }], updated_by: '', complete: false },
          // Saved before the server checked kinds: on a States-only channel.
          { team_id: 2, team: 'Grid operators', entries: [{ role: 'technical', name: 'Control room', channel: 'osce_network' }], updated_by: '', complete: false },
        ],
      }),
    'PUT /api/v1/exercises/5/poc': (_url, init) => {
      saved.push(JSON.parse(String(init.body)));
      return jsonResponse(204);
    },
  });
  const client = createQueryClient();
  client.setDefaultOptions({ queries: { retry: false } });
  render(
    <QueryClientProvider client={client}>
      <PocDirectory exerciseId={5} self={self} channels={channels} channelTitle={title} teams={teams} />
    </QueryClientProvider>,
  );
  return saved;
}

async function openEditor() {
  fireEvent.click(await screen.findByRole('button', { name: 'Edit our entry' }));
  const form = screen.getByRole('form', { name: "Edit your team's points of contact" });
  const select = within(form).getByRole('combobox', { name: 'Channel' });
  return { form, select, options: within(select).getAllByRole('option').map((o) => o.textContent) };
}

describe("the PoC form offers only the channels the team's kind may use", () => {
  it("moves an organisation's entry off a States-only channel and saves it on one it may use", async () => {
    const saved = renderDirectory(2);
    const { form, select, options } = await openEditor();
    expect(options).toEqual(['Point-of-contact hotline']);
    expect(select).toHaveValue('poc_hotline');
    fireEvent.click(within(form).getByRole('button', { name: 'Save directory entry' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toEqual({ entries: [expect.objectContaining({ name: 'Control room', channel: 'poc_hotline' })] });
  });

  it("keeps a State's entry on the OSCE network", async () => {
    renderDirectory(1);
    const { select, options } = await openEditor();
    expect(options).toEqual(['Point-of-contact hotline', 'OSCE Communications Network', 'Diplomatic note']);
    expect(select).toHaveValue('osce_network');
  });
});
