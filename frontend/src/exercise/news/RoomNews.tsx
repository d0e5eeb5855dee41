import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NewsFeed, type Dateline } from './NewsFeed';
import type { RoomNews } from './useNews';

// Set when the press page closes: the entry that opened it takes the focus back.
let returning = false;

/** The room's way to its press page, with how many stories and posts are new. */
export function NewsEntry({ news, open, onOpen }: { news: RoomNews; open: boolean; onOpen: () => void }) {
  const { t } = useTranslation('exercise');
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open || !returning) return;
    returning = false;
    ref.current?.focus();
  }, [open]);
  if (open) return null;
  return (
    <button ref={ref} type="button" className="button secondary news-entry" onClick={onOpen} data-testid="news-entry">
      <span aria-hidden="true">📰 </span>
      {t('news.open')}
      {news.unread > 0 && (
        <>
          {' '}
          <span className="ex-tab-count" aria-hidden="true" data-testid="news-unread">
            {news.unread}
          </span>
          <span className="visually-hidden">({t('news.unread', { count: news.unread })})</span>
        </>
      )}
    </button>
  );
}

/**
 * The press page of the room, in place of the room's columns: everything in it counts as
 * read while it is open, including what arrives meanwhile.
 */
export function NewsPage({
  news,
  onClose,
  source,
  phase,
}: {
  news: RoomNews;
  onClose: () => void;
  source: string;
  phase?: Dateline | null;
}) {
  const { t } = useTranslation('exercise');
  const ref = useRef<HTMLDivElement>(null);
  const { markSeen } = news;
  useEffect(() => markSeen(), [markSeen]);
  // Opening the page moves focus to its masthead, as a route change would.
  useEffect(() => ref.current?.querySelector<HTMLElement>('#news-masthead')?.focus(), []);
  return (
    <div className="news-page" ref={ref}>
      <button
        type="button"
        className="button secondary news-back"
        onClick={() => {
          returning = true;
          onClose();
        }}
      >
        <span aria-hidden="true">← </span>
        {t('news.back')}
      </button>
      <NewsFeed feed={news.feed} source={source} phase={phase} />
    </div>
  );
}
