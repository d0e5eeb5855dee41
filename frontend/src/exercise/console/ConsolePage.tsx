import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { ConnectionIndicator } from '../components/ConnectionIndicator';
import { ExerciseClock } from '../components/ExerciseClock';
import { AfterEndSteps, ConsoleReportLinks, RoomReportLink } from '../components/ReportLinks';
import { StreamEnded } from '../components/StreamEnded';
import { useLiveExercise } from '../live';
import { useMessages } from '../messages/api';
import { CbmReference } from '../messages/CbmReference';
import { CommCheckPanel } from '../messages/CommChecks';
import { PocDirectory } from '../messages/PocDirectory';
import { channelsOf, useChannelTitle } from '../messages/shared';
import { isFinal } from '../stream';
import { useStreamCache } from '../streamCache';
import { dutyOf, mayOf } from '../duty';
import { AdHocComposer } from './AdHocComposer';
import { ClockControls } from './ClockControls';
import { OpenRequests, TeamActivityTable, TrafficMonitor } from './ConsoleMessages';
import { DutyNote } from './DutyNote';
import { LiveAnswers } from './LiveAnswers';
import { LiveLog } from './LiveLog';
import { Notes } from './Notes';
import { Teams } from './Teams';
import { Timeline } from './Timeline';
import { Triggers } from './Triggers';
import '../exercise.css';

/**
 * The facilitators' console. Observers see it read-only and without the staff-only parts
 * (the MSEL's pending and held injects, triggers, notes, who joined, join codes): the
 * server does not give them these, so their panels are not shown or not asked for.
 * Staff see the controls their duty allows (duty.ts): an evaluator no clock, inject,
 * trigger, phase or team controls; a controller no tag correction.
 */
export function ConsolePage({ readOnly = false }: { readOnly?: boolean }) {
  const { t } = useTranslation('exercise');
  const id = Number(useParams().id);
  const live = useLiveExercise(id);
  const ex = live.exercise.data;
  const events = live.stream.events;
  const messages = useMessages(id);
  // Messages, the inject timeline, triggers and who joined follow the stream.
  useStreamCache(id, events);
  const channels = ex ? channelsOf(ex) : [];
  const channelTitle = useChannelTitle(channels);
  const nameOf = (team: number) => (team === 0 ? t('messages.control') : live.teamName(team));
  const may = mayOf(ex, readOnly);

  const streamState = live.stream.state;
  if (isFinal(streamState) && streamState !== 'removed') return <StreamEnded reason={streamState} guest={readOnly} />;
  if (live.exercise.isPending) return <p role="status">{t('common.loading')}</p>;
  if (live.exercise.isError || !ex) {
    return (
      <div className="alert error" role="alert">
        {t('common.loadFailed', { message: live.exercise.error?.message ?? '' })}
      </div>
    );
  }

  return (
    <div className="ex-console">
      <div className="ex-room-head">
        <div>
          <PageTitle>{ex.title || ex.scenario.title}</PageTitle>
          <p className="muted">
            {t('console.scenario', { title: ex.scenario.title, version: ex.scenario.version })}
            {readOnly && <> · {t('console.readOnly')}</>}
          </p>
          {readOnly ? <RoomReportLink exerciseId={id} /> : <ConsoleReportLinks exerciseId={id} />}
          {!readOnly && <DutyNote duty={dutyOf(ex)} />}
        </div>
        <ConnectionIndicator state={live.stream.state} />
      </div>
      <ExerciseClock reading={live.clock} skewMs={live.skewMs} phase={live.phase} />
      {!readOnly && (live.clock?.status ?? ex.clock.status) === 'ended' && (
        <AfterEndSteps exerciseId={id} published={live.projection.reportPublished} />
      )}
      {may('clock') && (
        <ClockControls
          exercise={ex}
          status={live.clock?.status ?? ex.clock.status}
          speed={live.clock?.speed ?? 1}
          reading={live.clock}
          skewMs={live.skewMs}
        />
      )}
      <div className="ex-console-grid">
        <Timeline exerciseId={id} readOnly={!may('inject')} teamName={live.teamName} />
        {!readOnly && <Triggers exerciseId={id} readOnly={!may('trigger')} />}
        {may('adhoc_inject') && <AdHocComposer exerciseId={id} teams={ex.teams ?? []} teamName={live.teamName} />}
        <Teams exercise={ex} readOnly={readOnly} manage={may('team')} removePeople={may('participant')} teamName={live.teamName} />
        <LiveAnswers
          exerciseId={id}
          readOnly={readOnly}
          steer={may('phase')}
          projection={live.projection}
          teams={ex.teams ?? []}
          teamName={live.teamName}
        />
        {may('note') && <Notes exerciseId={id} projection={live.projection} />}
        <CommCheckPanel exerciseId={id} readOnly={!may('comm_check')} />
        <TeamActivityTable messages={messages.data ?? []} teams={ex.teams ?? []} teamName={nameOf} />
        <OpenRequests messages={messages.data ?? []} teamName={nameOf} channelTitle={channelTitle} />
        <TrafficMonitor
          exerciseId={id}
          messages={messages.data ?? []}
          teams={ex.teams ?? []}
          channels={channels}
          channelTitle={channelTitle}
          teamName={nameOf}
          readOnly={!may('retag')}
        />
        <PocDirectory exerciseId={id} channels={channels} channelTitle={channelTitle} showCompleteness />
        <CbmReference guidance />
        <LiveLog
          exercise={ex}
          projection={live.projection}
          messages={messages.data ?? []}
          events={events}
          teamName={live.teamName}
          staff={!readOnly}
        />
      </div>
    </div>
  );
}
