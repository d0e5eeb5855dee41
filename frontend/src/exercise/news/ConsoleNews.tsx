import { useMemo } from 'react';
import type { Message } from '../messages/api';
import type { ReleasedInject } from '../projection';
import { useActors } from '../whitecell';
import { newsFeed } from './feed';
import { NewsFeed, type Dateline } from './NewsFeed';

/** The console's Press tab: the press as the teams read it, every team's at once. */
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
