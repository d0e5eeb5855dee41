import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Message } from '../messages/api';
import type { ReleasedInject } from '../projection';
import { useActors } from '../whitecell';
import { newestSeq, newsFeed, unreadCount, type NewsFeed } from './feed';

const seenKey = (exerciseId: number) => `cbmex.exercise.${exerciseId}.newsSeen`;

function loadSeen(exerciseId: number): number {
  try {
    const n = Number(window.localStorage.getItem(seenKey(exerciseId)));
    return Number.isFinite(n) ? n : 0;
  } catch {
    return 0;
  }
}

/** The room's press page: open or not (?view=news, so that back and a reload keep it). */
export function useNewsView() {
  const [params, setParams] = useSearchParams();
  const open = params.get('view') === 'news';
  const setOpen = useCallback(
    (on: boolean) =>
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          if (on) next.set('view', 'news');
          else next.delete('view');
          return next;
        },
        { preventScrollReset: true },
      ),
    [setParams],
  );
  return { open, setOpen };
}

export interface RoomNews {
  feed: NewsFeed;
  /** Stories and posts that arrived since the page was last read in this browser. */
  unread: number;
  /** Marks everything in the feed as read (the page is open). */
  markSeen: () => void;
}

/** A team's press, and how much of it is new to this browser (kept in localStorage). */
export function useRoomNews(
  exerciseId: number,
  injects: readonly ReleasedInject[],
  messages: readonly Message[] | undefined,
  self: number,
  teamName: (team: number) => string,
): RoomNews {
  const actors = useActors(exerciseId);
  const feed = useMemo(
    () => newsFeed(injects, messages ?? [], actors, { team: self }, teamName),
    // teamName changes identity on every render; the names follow the injects and messages.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [injects, messages, actors, self],
  );
  const [seen, setSeen] = useState(() => loadSeen(exerciseId));
  const newest = newestSeq(feed);
  const markSeen = useCallback(() => {
    if (newest <= seen) return;
    setSeen(newest);
    try {
      window.localStorage.setItem(seenKey(exerciseId), String(newest));
    } catch {
      // storage unavailable: read marks last for this page only
    }
  }, [exerciseId, newest, seen]);
  return { feed, unread: unreadCount(feed, seen, self), markSeen };
}
