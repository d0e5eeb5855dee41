import { describe, expect, it } from 'vitest';
import type { Message } from '../messages/api';
import type { ReleasedInject } from '../projection';
import type { Actor } from '../whitecell';
import { newestSeq, newsFeed, splitPosts, unreadCount, withoutPress, withoutRepeatedHeadline } from './feed';
import { postSubject } from './PressPost';

const actors: Actor[] = [
  { key: 'kpa', name: 'Kestria Press Agency', kind: 'media', channels: ['poc_hotline'] },
  { key: 'trending', name: '#KestriaOffline', kind: 'media', channels: ['poc_hotline'] },
  { key: 'secretariat', name: 'OSCE Secretariat', kind: 'international_organisation', channels: ['osce_network'] },
];

function inject(seq: number, o: Partial<ReleasedInject>): ReleasedInject {
  return {
    seq, key: `i${seq}`, title: `Inject ${seq}`, channel: 'news', from: 'Sarel Herald', body: 'Body', teams: [], all: true,
    source: 'schedule', late: false, offsetSeconds: seq * 60, at: '2026-11-27T09:00:00Z', lang: 'en', fallback: [], ...o,
  };
}

function msg(id: number, o: Partial<Message>): Message {
  return {
    id, from: 1, from_name: 'Ana', to: [], to_control: false, all: false, channel: 'poc_hotline', subject: `Subject ${id}`,
    body: 'Body', cbms: [], kind: '', sent_at: '2026-11-27T09:00:00Z', offset_seconds: id * 60, ...o,
  };
}

const injects = [
  inject(9, { channel: 'social_media', title: '#KestriaOffline trends' }),
  inject(7, { channel: 'official_note' }),
  inject(5, { channel: 'news', all: false, teams: [2] }),
  inject(3, { channel: 'news', all: false, teams: [], title: 'For the facilitators only' }),
  inject(1, { channel: 'news', title: 'Internet slows' }),
];
const messages = [
  msg(2, { channel: 'public_statement', all: true, from: 2, subject: 'Veskland: we are watching' }),
  msg(4, { channel: 'news', all: true, from: 0, from_name: 'Kestria Press Agency', from_actor: 'kpa', subject: 'Minister speaks' }),
  msg(6, { channel: 'osce_network', to: [2], subject: 'A note between States' }),
  msg(8, { channel: 'social_media', all: true, from: 0, from_name: '#KestriaOffline', from_actor: 'trending', body: 'Banks down' }),
  msg(10, { channel: 'public_statement', all: true, from: 0, from_name: 'Exercise control', subject: 'Control speaking' }),
  msg(11, { channel: 'public_statement', all: true, from: 0, from_name: 'OSCE Secretariat', from_actor: 'secretariat', subject: 'Secretariat' }),
  msg(12, { channel: 'public_statement', all: true, from: 0, from_name: 'KPA', from_actor: 'kpa', subject: 'Old-style post' }),
  msg(13, { channel: 'public_statement', all: true, from: 1, subject: 'Kestria: calm down' }),
];
const teamName = (t: number) => ({ 1: 'Kestria', 2: 'Veskland' })[t] ?? `#${t}`;

describe('the press feed', () => {
  it('takes news injects, media posts and public statements, newest first', () => {
    const feed = newsFeed(injects, messages, actors, { team: 1 }, teamName);
    expect(feed.stories.map((s) => [s.id, s.kind])).toEqual([
      ['m13', 'statement'],
      ['m12', 'story'],
      ['m4', 'story'],
      ['m2', 'statement'],
      ['i1', 'story'],
    ]);
    expect(feed.posts.map((p) => p.id)).toEqual(['i9', 'm8']);
  });

  it('names the outlet, the account and the team, never the facilitator', () => {
    const feed = newsFeed(injects, messages, actors, { team: 1 }, teamName);
    const byId = new Map([...feed.stories, ...feed.posts].map((x) => [x.id, x]));
    expect(byId.get('m4')).toMatchObject({ author: 'Kestria Press Agency', headline: 'Minister speaks', handle: '@kpa' });
    expect(byId.get('m2')).toMatchObject({ author: 'Veskland', team: 2 });
    expect(byId.get('i1')).toMatchObject({ author: 'Sarel Herald', headline: 'Internet slows', offsetSeconds: 60 });
    expect(byId.get('m8')).toMatchObject({ author: '#KestriaOffline', handle: '@trending' });
  });

  it('shows a team only the injects that reach it; the staff every inject that reaches a team', () => {
    const other = newsFeed(injects, messages, actors, { team: 2 }, teamName);
    expect(other.stories.map((s) => s.id)).toContain('i5');
    expect(newsFeed(injects, [], actors, { team: 1 }).stories.map((s) => s.id)).toEqual(['i1']);
    expect(newsFeed(injects, [], actors, { team: null }).stories.map((s) => s.id)).toEqual(['i5', 'i1']);
  });

  it('leaves out correspondence, control speaking as itself and non-media actors', () => {
    const ids = (f: ReturnType<typeof newsFeed>) => [...f.stories, ...f.posts].map((x) => x.id);
    const all = ids(newsFeed([], messages, actors, { team: null }));
    expect(all).not.toContain('m6');
    expect(all).not.toContain('m10');
    expect(all).not.toContain('m11');
    // A post to some teams only is not public press.
    expect(ids(newsFeed([], [msg(20, { channel: 'news', all: false, to: [1], from: 0, from_actor: 'kpa' })], actors, { team: 1 }))).toEqual([]);
  });

  it('counts what arrived since the page was read, not the team’s own statements', () => {
    const feed = newsFeed(injects, messages, actors, { team: 1 }, teamName);
    expect(newestSeq(feed)).toBe(13);
    expect(unreadCount(feed, 0, 1)).toBe(6); // 7 items, one of them Kestria's own statement
    expect(unreadCount(feed, 8, 1)).toBe(2); // i9 and m12
    expect(unreadCount(feed, 13, 1)).toBe(0);
  });

  it('keeps posts to the news feed out of the inbox', () => {
    expect(withoutPress(messages)?.map((m) => m.id)).toEqual([2, 6, 10, 11, 12, 13]);
    expect(withoutPress(undefined)).toBeUndefined();
  });
});

describe('a story\'s body', () => {
  it('drops a first paragraph that only repeats the headline', () => {
    expect(withoutRepeatedHeadline('**Internet slows to a crawl!**\n\nSince 04:00 …', 'Internet slows to a crawl')).toBe('Since 04:00 …');
    expect(withoutRepeatedHeadline('**Did the ship drag its anchor?**\n\nData show …', 'Ship tracking data')).toBe(
      '**Did the ship drag its anchor?**\n\nData show …',
    );
    expect(withoutRepeatedHeadline('**Internet slows** and more', 'Internet slows')).toBe('**Internet slows** and more');
  });
});

describe('social-media posts', () => {
  it('splits an inject into the posts of its accounts', () => {
    const body =
      '**@SarelMum:** Card payments not working. #KestriaOffline\n\n**@KestrianPatriot (48k followers):** This is no\naccident.\n\n*(120,000 views.)*';
    expect(splitPosts(body)).toEqual([
      { handle: '@SarelMum', text: 'Card payments not working. #KestriaOffline' },
      { handle: '@KestrianPatriot (48k followers)', text: 'This is no\naccident.\n\n*(120,000 views.)*' },
    ]);
    expect(splitPosts('**BLACK TIDE:** We cut the sea.')).toEqual([{ handle: '', text: '**BLACK TIDE:** We cut the sea.' }]);
  });

  it('gives a post without a headline its first line as subject', () => {
    expect(postSubject('  Banks down\nmore')).toBe('Banks down');
    expect(postSubject('x'.repeat(100))).toHaveLength(80);
  });
});
