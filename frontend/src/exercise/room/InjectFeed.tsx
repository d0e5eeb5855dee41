import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReleasedInject } from '../projection';
import { InjectCard } from './InjectCard';

function storageKey(exerciseId: number) {
  return `cbmex.exercise.${exerciseId}.read`;
}

function loadRead(exerciseId: number): Set<number> {
  try {
    const raw = window.localStorage.getItem(storageKey(exerciseId));
    const arr: unknown = raw ? JSON.parse(raw) : [];
    return new Set(Array.isArray(arr) ? arr.filter((n): n is number => typeof n === 'number') : []);
  } catch {
    return new Set();
  }
}

/** The seqs of injects this browser has marked read, kept in localStorage per exercise. */
export function useReadInjects(exerciseId: number) {
  const [read, setRead] = useState(() => loadRead(exerciseId));
  const markRead = useCallback(
    (seqs: number[]) => {
      setRead((prev) => {
        const next = new Set(prev);
        for (const s of seqs) next.add(s);
        try {
          window.localStorage.setItem(storageKey(exerciseId), JSON.stringify([...next]));
        } catch {
          // storage unavailable: the marks last for this page only
        }
        return next;
      });
    },
    [exerciseId],
  );
  return { read, markRead };
}

/** Released injects, newest first, with unread marking and a live region for new ones. */
export function InjectFeed({ exerciseId, injects, source }: { exerciseId: number; injects: ReleasedInject[]; source?: string }) {
  const { t } = useTranslation('exercise');
  const { read, markRead } = useReadInjects(exerciseId);
  const unread = injects.filter((i) => !read.has(i.seq));
  const newest = injects[0];
  return (
    <section className="card ex-feed" aria-labelledby="feed-title">
      <div className="ex-section-head">
        <h2 id="feed-title">
          {t('feed.title')}{' '}
          {unread.length > 0 && <span className="ex-badge ex-badge-new">{t('feed.unread', { count: unread.length })}</span>}
        </h2>
        {unread.length > 0 && (
          <button type="button" className="button small" onClick={() => markRead(unread.map((i) => i.seq))}>
            {t('feed.markAllRead')}
          </button>
        )}
      </div>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {newest ? t('feed.announce', { title: newest.title }) : ''}
      </p>
      {injects.length === 0 ? (
        <p className="muted">{t('feed.empty')}</p>
      ) : (
        <ol className="ex-feed-list">
          {injects.map((i) => (
            <li key={i.seq}>
              <InjectCard inject={i} unread={!read.has(i.seq)} onRead={() => markRead([i.seq])} source={source} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
