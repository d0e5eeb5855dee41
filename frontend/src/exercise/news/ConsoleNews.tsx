import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../messages/api';
import type { ReleasedInject } from '../projection';
import { useActors } from '../whitecell';
import { newsFeed } from './feed';
import { NewsFeed, type Dateline } from './NewsFeed';
import { PressPost } from './PressPost';

/** The press as the teams read it, every team's at once (staff and observers). */
export function ConsoleNews({
  exerciseId,
  injects,
  messages,
  teamName,
  source,
  phase,
}: {
  exerciseId: number;
  injects: readonly ReleasedInject[];
  messages: readonly Message[];
  teamName: (team: number) => string;
  source: string;
  phase?: Dateline | null;
}) {
  const actors = useActors(exerciseId);
  const feed = useMemo(
    () => newsFeed(injects, messages, actors, { team: null }, teamName),
    // teamName is a new function on every render; names follow the messages.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [injects, messages, actors],
  );
  return <NewsFeed feed={feed} source={source} phase={phase} />;
}

/**
 * The white cell's part of the press: the form to post as a media actor and, folded so
 * that the inbox stays the first thing in the tab, the press as the teams read it.
 */
export function WhiteCellPress({
  canPost,
  ...feed
}: { canPost: boolean } & Parameters<typeof ConsoleNews>[0]) {
  const { t } = useTranslation('exercise');
  return (
    <>
      {canPost && <PressPost exerciseId={feed.exerciseId} />}
      <details className="card news-staff">
        <summary>
          <h2>{t('news.staffSummary')}</h2>
        </summary>
        <ConsoleNews {...feed} />
      </details>
    </>
  );
}
