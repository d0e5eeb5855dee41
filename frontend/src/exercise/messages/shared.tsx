import { Fragment, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { useCBMs } from '../../api/scenarios';
import { cbmTitle } from '../../components/CbmChip';
import { isolate } from '../../components/Bidi';
import { Markdown } from '../../components/Markdown';
import type { Exercise } from '../api';
import { formatHms } from '../clock';
import { useUiLanguage } from '../language';
import { ActorNames } from '../whitecell';
import type { ExerciseEvent } from '../stream';
import { useStreamCache } from '../streamCache';
import type { Message, MessageChannel } from './api';
import { formatDuration, isRequest, statusOf } from './model';

export type TeamName = (id: number) => string;

/** The exercise's message channels (the server's defaults when the scenario names none). */
export function channelsOf(ex: Exercise): MessageChannel[] {
  return (ex.scenario.channels ?? []).map((c) => ({
    key: c.key,
    title: c.title,
    cbms: c.cbms ?? [],
    all_teams: !!c.all_teams,
    control: !!c.control,
    kinds: c.kinds ?? ['state', 'organisation'],
  }));
}

/** A channel's name: translated for the default channels, the scenario's title otherwise. */
export function useChannelTitle(channels: readonly MessageChannel[]) {
  const { t } = useTranslation('exercise');
  return (key: string) => {
    // A post to the news feed is on an inject channel ("News item").
    const title = channels.find((c) => c.key === key)?.title ?? t(`channels.${key}`, { defaultValue: key });
    return t(`messages.channel.${key}`, { defaultValue: title });
  };
}

/**
 * Keeps the REST views of messages, the PoC directory and comm checks in step with the
 * stream, by the table in streamCache.ts: messages and PoC entries are folded in from the
 * events' payloads, with no request.
 */
export function useMessagingSync(exerciseId: number, events: readonly ExerciseEvent[]) {
  useStreamCache(exerciseId, events);
}

/**
 * A message's CBM tags, each with where it came from when the server recorded it (the
 * sender, the channel's or request kind's suggestion, the request an answer answers),
 * and the facilitators' correction.
 */
export function CbmTags({
  cbms,
  sources,
  corrected,
  correctedBy,
}: {
  cbms: readonly string[];
  sources?: Readonly<Record<string, string>> | null;
  corrected?: readonly string[] | null;
  correctedBy?: string;
}) {
  const { t } = useTranslation('exercise');
  const list = useCBMs();
  return (
    <div className="msg-tags">
      {cbms.length > 0 && (
        <ul className="chips" aria-label={t('messages.tagsLabel')}>
          {cbms.map((c) => (
            <li key={c}>
              <span className="chip" data-cbm={c} data-source={sources?.[c] ?? ''} title={cbmTitle(list.data, c)}>
                {t('messages.cbm', { key: c })}
                {sources?.[c] && sources[c] !== 'sender' && (
                  <span className="msg-tag-source"> · {t(`tagSources.by.${sources[c]}`, { defaultValue: '' })}</span>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {corrected && (
        <p className="msg-corrected">
          {t('messages.corrected', { by: correctedBy ?? '' })}{' '}
          {corrected.length ? corrected.map((c) => t('messages.cbm', { key: c })).join(', ') : t('messages.noCbms')}
        </p>
      )}
    </div>
  );
}

export function recipientsText(m: Message, teamName: TeamName, t: (k: string) => string): string {
  if (m.all) return t('messages.allTeams');
  const parts = (m.to ?? []).map(teamName);
  if (m.to_control) parts.push(t('messages.control'));
  return parts.join(', ');
}

/** A message's recipients, each name isolated (see isolate). */
function RecipientList({ m, teamName }: { m: Message; teamName: TeamName }) {
  const { t } = useTranslation('exercise');
  const actorName = useContext(ActorNames);
  if (m.all) return <>{t('messages.allTeams')}</>;
  const names = (m.to ?? []).map(teamName);
  if (m.to_control) names.push(t('messages.control'));
  names.push(...(m.to_actors ?? []).map(actorName));
  return (
    <>
      {names.map((n, i) => (
        <Fragment key={i}>
          {i > 0 && ', '}
          <bdi>{n}</bdi>
        </Fragment>
      ))}
    </>
  );
}

export function StatusBadge({ m }: { m: Message }) {
  const { t } = useTranslation('exercise');
  if (!isRequest(m)) return null;
  const s = statusOf(m);
  return (
    <span className={`ex-badge msg-status msg-status-${s}`} data-status={s}>
      {t(`messages.status.${s}`)}
    </span>
  );
}

/**
 * The language a message was written in, when it is not the reader's: messages are never
 * translated (interpretation is human), so the reader learns it needs one. "RU" to the eye,
 * "Written in Russian" to a screen reader.
 */
export function MessageLanguage({ lang }: { lang: string }) {
  const { t } = useTranslation('exercise');
  const written = t(`language.writtenIn.${lang}`, { defaultValue: lang });
  return (
    <span className="ex-badge msg-lang" title={written} data-lang={lang}>
      <span aria-hidden="true">{lang.toUpperCase()}</span>
      <span className="visually-hidden">{written}</span>
    </span>
  );
}

/** One message: header, Markdown body (strict), tags and, for a request, its status and steps. */
export function MessageView({
  m,
  teamName,
  channelTitle,
  children,
}: {
  m: Message;
  teamName: TeamName;
  channelTitle: (key: string) => string;
  children?: React.ReactNode;
}) {
  const { t } = useTranslation('exercise');
  const strict = { external: t('messages.external'), image: t('messages.image') };
  const reader = useUiLanguage();
  // The sender's language, said and set on the text only where it differs from the reader's.
  const other = m.lang && m.lang !== reader ? m.lang : undefined;
  return (
    <article className="msg" data-message-id={m.id} aria-labelledby={`msg-${m.id}-subject`}>
      <header className="msg-head">
        <span className="msg-channel">{channelTitle(m.channel)}</span>
        {m.kind && <span className="ex-badge">{t(`messages.kind.${m.kind}`)}</span>}
        <StatusBadge m={m} />
        {other && <MessageLanguage lang={other} />}
        <span className="msg-time">{formatHms(m.offset_seconds)}</span>
      </header>
      <h4 id={`msg-${m.id}-subject`} className="msg-subject" lang={other}>
        {m.subject}
      </h4>
      <p className="msg-from">
        {isolate((v) => t('messages.fromTo', v), {
          from: (
            <>
              {m.from_actor ? (
                <bdi>{m.from_name}</bdi>
              ) : (
                <>
                  <bdi>{teamName(m.from)}</bdi> (<bdi>{m.from_name}</bdi>)
                </>
              )}
            </>
          ),
          to: <RecipientList m={m} teamName={teamName} />,
        })}
      </p>
      <div className="msg-body" lang={other}>
        <Markdown strict={strict}>{m.body}</Markdown>
      </div>
      <CbmTags cbms={m.cbms ?? []} sources={m.tag_sources} corrected={m.corrected_cbms} correctedBy={m.corrected_by} />
      {isRequest(m) && (m.steps ?? []).length > 0 && (
        <ol className="msg-steps" aria-label={t('messages.steps')}>
          {(m.steps ?? []).map((s, i) => (
            <li key={i} data-step={s.status}>
              {isolate((v) => t('messages.step', { ...v, status: t(`messages.status.${s.status}`), after: formatDuration(s.after_seconds) }), {
                team: teamName(s.team_id),
                by: s.by,
              })}
              {s.note ? (
                <>
                  {' — '}
                  <bdi>{s.note}</bdi>
                </>
              ) : (
                ''
              )}
            </li>
          ))}
        </ol>
      )}
      {children}
    </article>
  );
}
