import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isolate } from '../../components/Bidi';
import { Markdown } from '../../components/Markdown';
import { PageTitle } from '../../components/PageTitle';
import { useBriefing } from '../api';
import { ConnectionIndicator } from '../components/ConnectionIndicator';
import { OfflineBanner } from '../components/OfflineBanner';
import { StreamEnded } from '../components/StreamEnded';
import { isFinal } from '../stream';
import { ExerciseClock } from '../components/ExerciseClock';
import { fallbackFields, FallbackMark, InLang } from '../components/Fallback';
import { InjectFeed } from './InjectFeed';
import { StageQuestions } from './StageQuestions';
import { TourPanel } from '../tour/TourPanel';
import { useLiveExercise } from '../live';
import { useMessages } from '../messages/api';
import { CbmReference } from '../messages/CbmReference';
import { CommCheckCards } from '../messages/CommChecks';
import { Inbox } from './Inbox';
import { PocDirectory } from '../messages/PocDirectory';
import { channelsOf, useChannelTitle, useMessagingSync } from '../messages/shared';
import { MessageToast } from './MessageToast';
import { RoomReportLink, RoomReportPublished } from '../components/ReportLinks';
import { useOutboxItems, useOutboxSync } from '../outbox/hooks';
import { useOfflineCopy } from '../outbox/offline';
import { OfflineCopyNote, OutboxList } from '../outbox/OutboxList';
import { withoutPress } from '../news/feed';
import { NewsEntry, NewsPage } from '../news/RoomNews';
import { useNewsView, useRoomNews } from '../news/useNews';
import { RoomEndPanel } from '../../survey/SurveyPanel';

/** A participant's room: clock, briefing, injects and the team's stage answers. */
export function RoomPage() {
  const { t } = useTranslation('exercise');
  const id = Number(useParams().id);
  const live = useLiveExercise(id, true);
  const briefing = useBriefing(id);
  const ex = live.exercise.data;
  const messages = useMessages(id);
  useMessagingSync(id, live.stream.events);
  // Writes kept while offline go out when the stream is back; a page opened without
  // network shows the reads kept from before, and says so.
  useOutboxSync(id, live.stream.state, ex ? `${ex.viewer.team_id ?? 0}:${ex.viewer.name ?? ''}` : '');
  const offlineCopy = useOfflineCopy(live.stream.state === 'live');
  // Writes the network lost while the stream is down: the link is down, not just slow.
  const lostWrites = useOutboxItems(id).some((i) => i.queued && !i.refused);
  const linkState = (offlineCopy || lostWrites) && live.stream.state !== 'live' ? 'offline' : live.stream.state;
  const channels = ex ? channelsOf(ex) : [];
  const channelTitle = useChannelTitle(channels);
  const nameOf = (team: number) => (team === 0 ? t('messages.control') : live.teamName(team));
  // The press has a page of its own; its posts are not correspondence for the inbox.
  const newsView = useNewsView();
  const news = useRoomNews(id, live.projection.injects, messages.data, ex?.viewer.team_id ?? 0, nameOf);
  const mail = useMemo(() => withoutPress(messages.data), [messages.data]);
  // On a phone the briefing starts folded, so that the injects are in view.
  const [briefingOpen, setBriefingOpen] = useState(
    () => typeof window.matchMedia !== 'function' || window.matchMedia('(min-width: 48rem)').matches,
  );
  const [unread, setUnread] = useState(0);
  const [focus, setFocus] = useState<{ message: number; nonce: number } | null>(null);
  const openMessage = useCallback((message: number) => setFocus((f) => ({ message, nonce: (f?.nonce ?? 0) + 1 })), []);

  if (live.stream.state === 'removed') {
    return (
      <div className="card ex-removed" role="alert">
        <h1>{t('room.removedTitle')}</h1>
        <p>{t('room.removed')}</p>
      </div>
    );
  }
  if (isFinal(live.stream.state)) return <StreamEnded reason={live.stream.state} guest />;
  if (live.exercise.isPending) return <p role="status">{t('common.loading')}</p>;
  if (live.exercise.isError || !ex) {
    return (
      <div className="alert error" role="alert">
        {t('common.loadFailed', { message: live.exercise.error?.message ?? '' })}
      </div>
    );
  }
  const teamId = ex.viewer.team_id ?? 0;
  const teamName = live.teamName(teamId);
  const teamKey = ex.teams.find((x) => x.id === teamId)?.key;
  const myBriefing = briefing.data?.teams.find((b) => b.team_id === teamId) ?? briefing.data?.teams[0];
  // Texts without a current translation are in the scenario's source language, marked.
  const source = ex.scenario.source_language ?? briefing.data?.source_language ?? 'en';
  const scenarioFb = fallbackFields(ex.scenario, ['title'], source);
  const summaryFb = fallbackFields(briefing.data, ['summary'], source);
  const teamFb = fallbackFields(
    myBriefing ? { lang: briefing.data?.lang, fallback: myBriefing.fallback } : null,
    ['briefing'],
    source,
  );
  // After the end the room is for reading: nothing offers a write that would fail.
  const ended = (live.clock?.status ?? ex.clock.status) === 'ended';
  const closedPhases = ended ? new Set(live.projection.phases.map((p) => p.key)) : live.projection.closedPhases;

  return (
    <div className="ex-room">
      <div className="ex-room-head">
        <div>
          <PageTitle count={unread}>{teamName}</PageTitle>
          <p className="muted">
            {ex.title || <InLang lang={scenarioFb.lang('title')}>{ex.scenario.title}</InLang>}
            {ex.viewer.name && <> · {isolate((v) => t('room.you', v), { name: ex.viewer.name })}</>}
          </p>
          {!live.projection.reportPublished && ended && <RoomReportLink exerciseId={id} />}
          <NewsEntry news={news} open={newsView.open} onOpen={() => newsView.setOpen(true)} />
        </div>
        <ConnectionIndicator state={linkState} />
      </div>
      {live.projection.reportPublished && <RoomReportPublished exerciseId={id} />}
      <OfflineBanner state={linkState} />
      {offlineCopy && linkState === 'offline' && <OfflineCopyNote />}
      <OutboxList exerciseId={id} />
      <ExerciseClock reading={live.clock} skewMs={live.skewMs} phase={live.phase} source={source} />
      {ended ? (
        <p className="alert info" role="note">
          {t('room.endedReadOnly')}
        </p>
      ) : (
        <CommCheckCards exerciseId={id} self={teamId} />
      )}
      {ended && <RoomEndPanel exerciseId={id} />}
      <MessageToast messages={mail} self={teamId} teamName={nameOf} onOpen={openMessage} />
      {/* On a phone the order is the DOM's: the folded briefing, then the injects and
          messages, then the directory and the CBM reference. */}
      {newsView.open && <NewsPage news={news} onClose={() => newsView.setOpen(false)} source={source} phase={live.phase} />}
      <div className="ex-room-grid" hidden={newsView.open}>
        <details
          className="card ex-briefing ex-room-brief"
          open={briefingOpen}
          onToggle={(e) => setBriefingOpen(e.currentTarget.open)}
        >
          <summary>
            <h2>{t('room.briefing')}</h2>
          </summary>
          {briefing.isPending && <p role="status">{t('common.loading')}</p>}
          {briefing.data?.summary && (
            <div className="ex-briefing-summary" lang={summaryFb.lang('summary')}>
              {summaryFb.whole && <FallbackMark source={source} />}
              <Markdown>{briefing.data.summary}</Markdown>
            </div>
          )}
          {myBriefing && (
            <div className="ex-briefing-team" lang={teamFb.lang('briefing')}>
              {teamFb.whole && <FallbackMark source={source} />}
              <Markdown>{myBriefing.briefing}</Markdown>
            </div>
          )}
          {myBriefing?.points_of_contact && myBriefing.points_of_contact.length > 0 && (
            <>
              <h3>{t('room.pocs')}</h3>
              <ul>
                {myBriefing.points_of_contact.map((p, i) => (
                  <li key={i}>
                    <strong>{t(`room.pocRole.${p.role === 'technical' ? 'technical' : 'policy'}`)}:</strong>{' '}
                    <bdi lang={teamFb.lang(`points_of_contact.${i + 1}.name`)}>{p.name}</bdi>
                    {p.hours && (
                      <>
                        {' ('}
                        <bdi lang={teamFb.lang(`points_of_contact.${i + 1}.hours`)}>{p.hours}</bdi>)
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
          {teamKey && (
            <p className="ex-briefing-print">
              <a href={`/api/v1/exercises/${id}/manual/${encodeURIComponent(teamKey)}.pdf`} download>
                {t('handbook.manual')}
              </a>
            </p>
          )}
        </details>
        <div className="ex-room-main">
          <InjectFeed exerciseId={id} injects={live.projection.injects} source={source} />
          {messages.isError && (
            <p className="alert error" role="alert">
              {t('common.loadFailed', { message: messages.error.message })}
            </p>
          )}
          <Inbox
            exerciseId={id}
            self={teamId}
            messages={mail ?? []}
            injects={live.projection.injects}
            teams={ex.teams ?? []}
            channels={channels}
            channelTitle={channelTitle}
            teamName={nameOf}
            readOnly={ended}
            focus={focus}
            onUnread={setUnread}
          />
          <TourPanel exerciseId={id} teamId={teamId} phase={live.phase} teamName={live.teamName} readOnly={ended} />
          <StageQuestions
            exerciseId={id}
            teamId={teamId}
            phases={live.projection.phases}
            answers={live.projection.answers}
            closedPhases={closedPhases}
            sharedPhases={live.projection.sharedPhases}
            teamName={live.teamName}
            source={source}
          />
        </div>
        <aside className="ex-room-side">
          {/* No team of the viewer's after the end: the directory is then read-only. */}
          <PocDirectory
            exerciseId={id}
            self={ended ? undefined : teamId}
            channels={channels}
            channelTitle={channelTitle}
            teams={ex.teams}
          />
          <CbmReference />
        </aside>
      </div>
    </div>
  );
}
