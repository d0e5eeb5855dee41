import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { useTriggers } from '../api';
import { ConnectionIndicator } from '../components/ConnectionIndicator';
import { ExerciseClock } from '../components/ExerciseClock';
import { AfterEndSteps, ConsoleReportLinks, RoomReportLink } from '../components/ReportLinks';
import { StreamEnded } from '../components/StreamEnded';
import { useLiveExercise } from '../live';
import { useCommChecks, useMessages } from '../messages/api';
import { CbmReference } from '../messages/CbmReference';
import { CommCheckPanel } from '../messages/CommChecks';
import { PocDirectory } from '../messages/PocDirectory';
import { channelsOf, useChannelTitle } from '../messages/shared';
import { isFinal } from '../stream';
import { useStreamCache } from '../streamCache';
import { dutyOf, mayOf } from '../duty';
import { AdHocComposer } from './AdHocComposer';
import { openRequestCount, pendingDecisionCount, unacknowledgedCount } from './attention';
import { ClockControls } from './ClockControls';
import { ConsoleTabs, type ConsoleTab } from './ConsoleTabs';
import { WhiteCell } from './WhiteCell';
import { whiteCellWaiting } from '../whitecell';
import { OpenRequests, TeamActivityTable, TrafficMonitor } from './ConsoleMessages';
import { DutyNote } from './DutyNote';
import { useHeight, useMediaQuery } from './layout';
import { LiveAnswers } from './LiveAnswers';
import { LiveLog } from './LiveLog';
import { NextInjects } from './NextInjects';
import { Notes } from './Notes';
import { OpenDetails } from './OpenDetails';
import { useShortcutsSetting } from './shortcuts';
import { ShortcutsSwitch } from './ShortcutsSwitch';
import { Teams } from './Teams';
import { Timeline } from './Timeline';
import { TourControl } from '../tour/TourControl';
import { Triggers } from './Triggers';
import { ConsoleNews, WhiteCellPress } from '../news/ConsoleNews';
import '../exercise.css';
import './console.css';

/** From this width the live log stands beside the tabs instead of behind one. */
const WIDE = '(min-width: 100rem)';

/**
 * The facilitators' console, one screen for the live exercise: a header that stays in
 * view with the clock, its controls and the next injects, and the rest in tabs.
 * Observers see it read-only and without the staff-only parts (the MSEL's pending and
 * held injects, triggers, notes, who joined, join codes): the server does not give them
 * these, so their panels are not shown or not asked for. Staff see the controls their
 * duty allows (duty.ts): an evaluator no clock, inject, trigger, phase or team controls;
 * a controller no tag correction.
 */
export function ConsolePage({ readOnly = false }: { readOnly?: boolean }) {
  const { t } = useTranslation('exercise');
  const id = Number(useParams().id);
  const live = useLiveExercise(id);
  const ex = live.exercise.data;
  const events = live.stream.events;
  const messages = useMessages(id);
  const checks = useCommChecks(id);
  const triggers = useTriggers(id, !readOnly);
  // Messages, the inject timeline, triggers and who joined follow the stream.
  useStreamCache(id, events);
  const channels = ex ? channelsOf(ex) : [];
  const channelTitle = useChannelTitle(channels);
  const nameOf = (team: number) => (team === 0 ? t('messages.control') : live.teamName(team));
  const may = mayOf(ex, readOnly);
  const wide = useMediaQuery(WIDE);
  const [barRef, barHeight] = useHeight();
  const [shortcuts, setShortcuts] = useShortcutsSetting();

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

  const status = live.clock?.status ?? ex.clock.status;
  // Staff read in their UI language; what has no current translation is in this one, marked.
  const source = ex.scenario.source_language ?? 'en';
  const msgs = messages.data ?? [];
  const liveLog = (
    <LiveLog exercise={ex} projection={live.projection} messages={msgs} events={events} teamName={live.teamName} staff={!readOnly} />
  );
  const counts = {
    requests: openRequestCount(msgs),
    checks: unacknowledgedCount(checks.data ?? []),
    // Only those who decide are waited for.
    triggers: may('trigger') ? pendingDecisionCount(triggers.data ?? []) : 0,
  };
  const tab = (key: string, panel: ReactNode, count?: number): ConsoleTab => ({
    key,
    label: t(`consoleLayout.tabs.${key}`),
    count,
    countLabel: count ? t(`consoleLayout.counts.${key}`, { count }) : undefined,
    panel,
  });
  const press = { exerciseId: id, injects: live.projection.injects, messages: msgs, teamName: nameOf, source, phase: live.phase };
  const tabs: ConsoleTab[] = [
    tab('injects', <Timeline exerciseId={id} readOnly={!may('inject')} teamName={live.teamName} texts={!readOnly} source={source} />),
    ...(!readOnly
      ? [
          {
            key: 'whitecell',
            label: t('whiteCell.tab'),
            count: whiteCellWaiting(msgs),
            countLabel: t('whiteCell.waiting', { count: whiteCellWaiting(msgs) }),
            panel: (
              <>
                <WhiteCell
                  exerciseId={id}
                  messages={msgs}
                  channels={channels}
                  channelTitle={channelTitle}
                  teamName={nameOf}
                  canAnswer={may('control_cell')}
                />
                {/* The white cell also writes the press, as the scenario's media actors. */}
                <WhiteCellPress canPost={may('control_cell') && status !== 'ended'} {...press} />
              </>
            ),
          },
        ]
      : []),
    // Observers, who have no white cell, read the press in a tab of its own.
    ...(readOnly ? [{ key: 'press', label: t('news.tab'), panel: <ConsoleNews {...press} /> }] : []),
    tab('requests', <OpenRequests messages={msgs} teamName={nameOf} channelTitle={channelTitle} />, counts.requests),
    tab(
      'messages',
      <>
        <TeamActivityTable messages={msgs} teams={ex.teams ?? []} teamName={nameOf} />
        <TrafficMonitor
          exerciseId={id}
          messages={msgs}
          teams={ex.teams ?? []}
          channels={channels}
          channelTitle={channelTitle}
          teamName={nameOf}
          readOnly={!may('retag')}
        />
      </>,
    ),
    tab(
      'checks',
      <>
        <CommCheckPanel exerciseId={id} readOnly={!may('comm_check')} />
        <PocDirectory exerciseId={id} channels={channels} channelTitle={channelTitle} teams={ex?.teams} showCompleteness />
      </>,
      counts.checks,
    ),
    tab(
      'answers',
      <>
        {status !== 'draft' && (
          <TourControl exerciseId={id} phase={live.phase} teams={ex.teams ?? []} teamName={live.teamName} act={may('tour') && status !== 'ended'} />
        )}
        <LiveAnswers
          exerciseId={id}
          readOnly={readOnly}
          steer={may('phase')}
          projection={live.projection}
          teams={ex.teams ?? []}
          teamName={live.teamName}
          source={source}
        />
      </>,
    ),
    ...(!readOnly ? [tab('triggers', <Triggers exerciseId={id} readOnly={!may('trigger')} />, counts.triggers)] : []),
    tab(
      'teams',
      <Teams exercise={ex} readOnly={readOnly} manage={may('team')} removePeople={may('participant')} teamName={live.teamName} />,
    ),
    ...(may('note') ? [tab('notes', <Notes exerciseId={id} projection={live.projection} />)] : []),
    ...(may('adhoc_inject') ? [tab('adhoc', <AdHocComposer exerciseId={id} teams={ex.teams ?? []} teamName={live.teamName} />)] : []),
    tab(
      'cbm',
      <OpenDetails>
        <CbmReference guidance />
      </OpenDetails>,
    ),
    ...(!wide ? [tab('log', liveLog)] : []),
  ];

  return (
    <div className="ex-console" style={{ ['--ex-bar-h' as string]: `${barHeight}px` }}>
      <div className="ex-console-head">
        <div className="ex-console-name">
          <PageTitle>{ex.title || ex.scenario.title}</PageTitle>
          <p className="muted">
            {t('console.scenario', { title: ex.scenario.title, version: ex.scenario.version })}
            {readOnly && <> · {t('console.readOnly')}</>}
          </p>
        </div>
        <div className="ex-console-tools">
          <div className="ex-console-links">
            {readOnly ? <RoomReportLink exerciseId={id} /> : <ConsoleReportLinks exerciseId={id} />}
            <ConnectionIndicator state={live.stream.state} />
          </div>
          {status !== 'ended' && (
            <ShortcutsSwitch on={shortcuts} onChange={setShortcuts} clock={may('clock')} inject={may('inject')} />
          )}
        </div>
      </div>
      {!readOnly && <DutyNote duty={dutyOf(ex)} />}
      {!readOnly && status === 'ended' && <AfterEndSteps exerciseId={id} published={live.projection.reportPublished} />}
      <div className="ex-console-bar" ref={barRef}>
        <div className="ex-console-clock">
          <ExerciseClock reading={live.clock} skewMs={live.skewMs} phase={live.phase} source={source} />
          {may('clock') && (
            <ClockControls
              exercise={ex}
              status={status}
              speed={live.clock?.speed ?? 1}
              reading={live.clock}
              skewMs={live.skewMs}
              shortcuts={shortcuts}
            />
          )}
        </div>
        {!readOnly && status !== 'ended' && (
          <NextInjects
            exerciseId={id}
            status={status}
            reading={live.clock}
            skewMs={live.skewMs}
            act={may('inject')}
            shortcuts={shortcuts}
          />
        )}
      </div>
      <div className="ex-console-body">
        <ConsoleTabs
          tabs={tabs}
          label={t('consoleLayout.tabsLabel')}
          storageKey={`cbmex.console.tab.${id}`}
          defaultKey={status === 'draft' ? 'teams' : 'injects'}
        />
        {wide && (
          <aside className="ex-console-side" aria-labelledby="log-title">
            {liveLog}
          </aside>
        )}
      </div>
    </div>
  );
}
