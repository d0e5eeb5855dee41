import { QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../api/queryClient';
import { jsonResponse, mockFetch } from '../../test/utils';
import type { MessageChannel } from '../messages/api';
import { cbmMatches, Composer } from './Composer';

afterEach(() => vi.unstubAllGlobals());

const TITLES = [
  'National views on ICT threats',
  'Co-operation between competent national bodies',
  'Consultations to reduce risks of misperception',
  'Open, secure and reliable Internet',
  'The OSCE as a platform for dialogue',
  'Legislation enabling co-operation',
  'National organisation, strategies and programmes',
  'Points of contact',
  'Shared terminology',
  'OSCE Communications Network',
  'Regular meetings',
  'Workshops, seminars and roundtables',
  'Protected communication channels',
  'Public–private partnerships',
  'Critical infrastructure co-operation',
  'Responsible vulnerability disclosure',
];
const cbms = {
  default: 'osce',
  catalogues: [
    {
      id: 'osce',
      title: 'OSCE',
      source: '',
      items: TITLES.map((title, i) => ({ key: String(i + 1), title, summary: `About ${title}.`, decision: '', adopted: '', guidance: '' })),
    },
  ],
};

const channels: MessageChannel[] = [
  { key: 'poc_hotline', title: 'Point-of-contact hotline', cbms: ['8'], all_teams: false, control: false, kinds: ['state', 'organisation'] },
  { key: 'diplomatic_note', title: 'Diplomatic note', cbms: [], all_teams: false, control: false, kinds: ['state', 'organisation'] },
];
const teams = [
  { id: 1, key: 'val', name: 'Valdoria' },
  { id: 2, key: 'est', name: 'Esterra' },
] as never;

function renderComposer(post: (body: unknown) => Response) {
  mockFetch({
    'GET /api/v1/cbms': () => jsonResponse(200, cbms),
    'GET /api/v1/exercises/5': () => jsonResponse(200, { exercise: { scenario: { request_kinds: [] } } }),
    'POST /api/v1/exercises/5/messages': (_url, init) => post(JSON.parse(String(init.body))),
  });
  const client = createQueryClient();
  client.setDefaultOptions({ queries: { retry: false }, mutations: { retry: false } });
  return render(
    <QueryClientProvider client={client}>
      <Composer
        exerciseId={5}
        self={1}
        teams={teams}
        channels={channels}
        channelTitle={(k) => channels.find((c) => c.key === k)!.title}
        teamName={(id) => (id === 2 ? 'Esterra' : 'Valdoria')}
      />
    </QueryClientProvider>,
  );
}

describe('the composer', () => {
  it('shows the suggested CBMs first and folds the other fifteen behind a searchable disclosure', async () => {
    renderComposer(() => jsonResponse(500));
    const form = screen.getByRole('form', { name: 'New message' });
    expect(await within(form).findByRole('checkbox', { name: /CBM 8: Points of contact/ })).toBeChecked();
    // Sixteen checkboxes do not stand between the message and Send: only the suggestion shows.
    expect(within(form).getAllByRole('checkbox', { name: /^CBM \d+:/ })).toHaveLength(1);
    fireEvent.click(within(form).getByText('Other CBMs (15)'));
    await waitFor(() => expect(within(form).getAllByRole('checkbox', { name: /^CBM \d+:/ })).toHaveLength(16));
    await userEvent.type(within(form).getByLabelText('Find a measure'), 'terminology');
    expect(within(form).getAllByRole('checkbox', { name: /^CBM \d+:/ })).toHaveLength(2);
    fireEvent.click(within(form).getByRole('checkbox', { name: /CBM 9: Shared terminology/ }));
    const carries = within(form).getByRole('list', { name: 'This message will be tagged' });
    expect(within(carries).getByRole('button', { name: 'Remove CBM 9 (added by you)' })).toBeInTheDocument();
    expect(within(carries).getByRole('button', { name: 'Remove CBM 8 (suggested by the channel)' })).toBeInTheDocument();
    expect(within(form).getByText('1 chosen')).toBeInTheDocument();
  });

  it("puts the server's field errors at their fields, and what the form misses too", async () => {
    const sent: unknown[] = [];
    renderComposer((body) => {
      sent.push(body);
      return jsonResponse(422, {
        error: { code: 'validation_failed', message: 'Some fields are not valid.', fields: { subject: 'Write a subject of at most 200 characters.', reply_to: 'You can only reply to a message you received or sent.' } },
      });
    });
    const form = screen.getByRole('form', { name: 'New message' });
    fireEvent.click(within(form).getByRole('button', { name: 'Send' }));
    expect(await within(form).findByText('Choose at least one recipient.')).toBeInTheDocument();
    expect(within(form).getByLabelText('Subject')).toHaveAccessibleDescription('Write a subject.');
    expect(within(form).getByRole('checkbox', { name: 'Esterra' })).toHaveAttribute('aria-invalid', 'true');
    expect(sent).toHaveLength(0);

    fireEvent.click(within(form).getByRole('checkbox', { name: 'Esterra' }));
    fireEvent.change(within(form).getByLabelText('Subject'), { target: { value: 'x' } });
    fireEvent.change(within(form).getByLabelText('Message'), { target: { value: 'Hello' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Send' }));
    const subject = within(form).getByLabelText('Subject');
    expect(await within(form).findByText('Write a subject of at most 200 characters.')).toBeInTheDocument();
    expect(subject).toHaveAttribute('aria-invalid', 'true');
    expect(subject).toHaveAttribute('maxlength', '200');
    expect(within(form).getByLabelText('Message')).toHaveAttribute('maxlength', '20000');
    expect(subject).toHaveFocus();
    // A message for no field of the form goes to the banner with the server's summary.
    expect(within(form).getByRole('alert')).toHaveTextContent('Some fields are not valid. You can only reply to a message you received or sent.');
    expect(sent).toHaveLength(1);
  });
});

describe('cbmMatches', () => {
  const item = { key: '8', title: 'Points of contact' };
  it.each([
    ['', true],
    ['8', true],
    ['CBM 8', true],
    ['cbm8', true],
    ['МД 8', true],
    ['contact', true],
    ['POINTS', true],
    ['9', false],
    ['18', false],
    ['vulnerability', false],
  ])('%j → %s', (q, want) => expect(cbmMatches(item, q)).toBe(want));
});
