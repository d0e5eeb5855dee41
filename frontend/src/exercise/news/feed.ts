/**
 * The room's press: what the public reads about the crisis, assembled from what the
 * viewer already has (the released injects of the stream and the messages), newest
 * first. Stories are news injects, the control cell's posts as a news outlet and the
 * teams' public statements; posts are social-media injects and posts. Nothing here
 * widens what a viewer sees: a team's stream and messages are already its own.
 */
import type { Message } from '../messages/api';
import type { ReleasedInject } from '../projection';
import type { Actor } from '../whitecell';

/** A story of the news column, or a post of the social-media timeline. */
export interface NewsItem {
  /** Unique among the items: "i" + the inject's seq, "m" + the message's id. */
  id: string;
  /** The event's sequence number: the order in which the public read it. */
  seq: number;
  kind: 'story' | 'statement' | 'post';
  headline: string;
  /** The outlet, account or team that published it. */
  author: string;
  /** The account's handle for a post by a media actor ("@trending"). */
  handle?: string;
  /** The team that made a public statement. */
  team?: number;
  body: string;
  offsetSeconds: number;
  at: string;
  /** The inject, for the languages of its texts (scenario content is translated). */
  inject?: ReleasedInject;
  /** The sender's language, for a message (messages are never translated). */
  lang?: string;
}

export interface NewsFeed {
  stories: NewsItem[];
  posts: NewsItem[];
}

/** Who reads: a team, or the staff (team null), who see every team's press. */
export interface NewsViewer {
  team: number | null;
}

export const NEWS = 'news';
export const SOCIAL = 'social_media';
export const STATEMENT = 'public_statement';

const plain = (s: string) =>
  s
    .replace(/[*_"'“”«»]/g, '')
    .replace(/[.!?:\s]+$/, '')
    .trim()
    .toLowerCase();

/**
 * The body without a first paragraph that only repeats the headline in bold: news
 * injects often open so, which the card needed and a news page, whose headline is
 * already above, does not.
 */
export function withoutRepeatedHeadline(body: string, headline: string): string {
  const m = /^\s*\*\*([^*\n]+)\*\*\s*(?:\n\s*\n|$)/.exec(body);
  if (!m || plain(m[1]!) !== plain(headline)) return body;
  return body.slice(m[0].length);
}

function fromInject(i: ReleasedInject): NewsItem {
  return {
    id: `i${i.seq}`,
    seq: i.seq,
    kind: i.channel === SOCIAL ? 'post' : 'story',
    headline: i.title,
    author: i.from,
    body: i.channel === SOCIAL ? i.body : withoutRepeatedHeadline(i.body, i.title),
    offsetSeconds: i.offsetSeconds,
    at: i.at,
    inject: i,
  };
}

/** The kind of item a message is in the press, or null when it is not public press. */
export function pressKind(m: Message, actors: readonly Actor[]): NewsItem['kind'] | null {
  if (!m.all) return null; // only what every team reads is public
  const media = !!m.from_actor && actors.some((a) => a.key === m.from_actor && a.kind === 'media');
  if (m.from_actor && (m.channel === NEWS || m.channel === SOCIAL)) return m.channel === SOCIAL ? 'post' : 'story';
  if (m.channel !== STATEMENT) return null;
  if (m.from !== 0) return 'statement';
  return media ? 'story' : null;
}

function fromMessage(m: Message, kind: NewsItem['kind'], teamName: (team: number) => string): NewsItem {
  return {
    id: `m${m.id}`,
    seq: m.id,
    kind,
    headline: m.subject,
    author: kind === 'statement' ? teamName(m.from) : m.from_name,
    handle: m.from_actor ? `@${m.from_actor}` : undefined,
    team: kind === 'statement' ? m.from : undefined,
    body: m.body,
    offsetSeconds: m.offset_seconds,
    at: m.sent_at,
    lang: m.lang || undefined,
  };
}

/** Whether the viewer reads the inject: the staff read every inject that reaches a team. */
function reaches(i: ReleasedInject, v: NewsViewer): boolean {
  if (v.team === null) return i.all || i.teams.length > 0;
  return i.all || i.teams.includes(v.team);
}

/** The viewer's press: stories and posts, each newest first. */
export function newsFeed(
  injects: readonly ReleasedInject[],
  messages: readonly Message[],
  actors: readonly Actor[],
  viewer: NewsViewer,
  teamName: (team: number) => string = (t) => `#${t}`,
): NewsFeed {
  const items: NewsItem[] = [];
  for (const i of injects) {
    if ((i.channel === NEWS || i.channel === SOCIAL) && reaches(i, viewer)) items.push(fromInject(i));
  }
  for (const m of messages) {
    const kind = pressKind(m, actors);
    if (kind) items.push(fromMessage(m, kind, teamName));
  }
  items.sort((a, b) => b.seq - a.seq);
  return { stories: items.filter((x) => x.kind !== 'post'), posts: items.filter((x) => x.kind === 'post') };
}

/** The newest seq of the feed (0 when empty): what "seen up to" is measured by. */
export function newestSeq(feed: NewsFeed): number {
  return Math.max(0, feed.stories[0]?.seq ?? 0, feed.posts[0]?.seq ?? 0);
}

/** How many items arrived after `seen`, not counting the viewer's own team's statements. */
export function unreadCount(feed: NewsFeed, seen: number, self: number | null): number {
  const fresh = (x: NewsItem) => x.seq > seen && !(x.kind === 'statement' && x.team === self);
  return feed.stories.filter(fresh).length + feed.posts.filter(fresh).length;
}

/**
 * The short posts of a social-media inject: a scenario often writes several in one body,
 * each a paragraph led by its account in bold ("**@SarelMum:** Card payments …").
 * Anything else is one post.
 */
export function splitPosts(body: string): { handle: string; text: string }[] {
  const paras = body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const lead = /^\*\*(@[^*:]{1,60}?|[^*:]{1,60}?):?\*\*:?\s*/;
  const posts: { handle: string; text: string }[] = [];
  for (const p of paras) {
    const m = lead.exec(p);
    if (m && m[1]!.trim().startsWith('@')) posts.push({ handle: m[1]!.trim(), text: p.slice(m[0].length).trim() });
    else if (posts.length > 0) posts[posts.length - 1]!.text += `\n\n${p}`;
    else posts.push({ handle: '', text: p });
  }
  return posts;
}

/** Whether a message is a post to the news feed (on news or social_media), not correspondence. */
export function isPressPost(m: Message): boolean {
  return m.channel === NEWS || m.channel === SOCIAL;
}

/** The messages without the posts to the news feed: the inbox is for correspondence. */
export function withoutPress(messages: readonly Message[] | undefined): Message[] | undefined {
  return messages?.filter((m) => !isPressPost(m));
}
