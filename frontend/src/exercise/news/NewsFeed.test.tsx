import { QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../api/queryClient';
import { jsonResponse, mockFetch } from '../../test/utils';
import type { Message } from '../messages/api';
import type { ReleasedInject } from '../projection';
import { newsFeed } from './feed';
import { NewsFeed } from './NewsFeed';
import { PressPost } from './PressPost';
import { NewsEntry } from './RoomNews';

afterEach(() => vi.unstubAllGlobals());

const inject: ReleasedInject = {
  seq: 1, key: 'news-1', title: 'Internet slows', channel: 'news', from: 'Sarel Herald', body: '**Internet slows**\n\nSince 04:00 …',
  teams: [], all: true, source: 'schedule', late: false, offsetSeconds: 120, at: '2026-11-27T09:02:00Z', lang: 'fr', fallback: ['title', 'from', 'body'],
};
const statement: Message = {
  id: 2, from: 2, from_name: 'Ana', to: [], to_control: false, all: true, channel: 'public_statement', subject: 'Veskland helps',
  body: 'We stand ready.', cbms: [], kind: '', sent_at: '2026-11-27T09:03:00Z', offset_seconds: 180, lang: 'de',
};
const actors = [{ key: 'kpa', name: 'KPA', kind: 'media' as const, channels: ['poc_hotline'] }];

describe('the press page', () => {
  it('reads like a news site: newest story leads, authors and exercise time, languages marked', () => {
    const feed = newsFeed([inject], [statement], actors, { team: 1 }, (t) => (t === 2 ? 'Veskland' : 'Kestria'));
    render(<NewsFeed feed={feed} source="en" phase={{ clock: 'Day 1, 04:10 local' }} />);
    const stories = screen.getAllByRole('article');
    expect(stories.map((a) => within(a).getByRole('heading').textContent)).toEqual(['Veskland helps', 'Internet slows']);
    expect(within(stories[0]!).getByText('Statement by Veskland')).toBeInTheDocument();
    expect(within(stories[0]!).getByRole('heading')).toHaveAttribute('lang', 'de');
    // The inject's texts are untranslated (in the source language), and its repeated headline is gone.
    expect(within(stories[1]!).getByRole('heading')).toHaveAttribute('lang', 'en');
    expect(within(stories[1]!).getByText('00:02:00')).toBeInTheDocument();
    expect(within(stories[1]!).getAllByText('Internet slows')).toHaveLength(1);
    expect(screen.getByText('Nothing trending yet.')).toBeInTheDocument();
  });

  it('shows how many stories are new on the room’s entry', () => {
    const open = vi.fn();
    const feed = newsFeed([inject], [], actors, { team: 1 });
    render(<NewsEntry news={{ feed, unread: 3, markSeen: () => undefined }} open={false} onOpen={open} />);
    expect(screen.getByTestId('news-unread')).toHaveTextContent('3');
    expect(screen.getByRole('button', { name: /News.*3 new stories or posts/ })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button'));
    expect(open).toHaveBeenCalled();
  });
});

describe('the press form of the white cell', () => {
  it('posts a short post as the media actor on social_media', async () => {
    const sent: unknown[] = [];
    mockFetch({
      'GET /api/v1/exercises/5': () =>
        jsonResponse(200, { exercise: { scenario: { actors: [...actors, { key: 'sec', name: 'Secretariat', kind: 'international_organisation', channels: [] }] } } }),
      'POST /api/v1/exercises/5/messages': (_url, init) => {
        sent.push(JSON.parse(String(init.body)));
        return jsonResponse(201, { message: { ...statement, id: 9, from: 0, from_actor: 'kpa', channel: 'social_media' } });
      },
    });
    const client = createQueryClient();
    client.setDefaultOptions({ queries: { retry: false }, mutations: { retry: false } });
    render(
      <QueryClientProvider client={client}>
        <PressPost exerciseId={5} />
      </QueryClientProvider>,
    );
    const select = await screen.findByRole('combobox', { name: 'Post as' });
    // Only media actors write the press.
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['KPA']);
    fireEvent.click(screen.getByRole('radio', { name: /Social-media post/ }));
    fireEvent.change(screen.getByRole('textbox', { name: /^Post/ }), { target: { value: 'Banks down again\n#KestriaOffline' } });
    fireEvent.click(screen.getByRole('button', { name: 'Publish' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ channel: 'social_media', as_actor: 'kpa', subject: 'Banks down again', kind: '', to: [] });
    expect(await screen.findByText('Published to the news feed.')).toBeInTheDocument();
  });
});
