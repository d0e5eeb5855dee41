import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../components/ApiError';
import type { Team } from '../api';
import { formatHms } from '../clock';
import { useRequestAction, type Message, type MessageChannel, type RequestAction } from '../messages/api';
import { usableChannels } from '../messages/channelKinds';
import type { ComposerDraft } from './Composer';
import { Composer } from './LazyComposer';
import { loadRead, requestActions, responseTimes, saveRead, threadUnread, unreadByChannel, formatDuration, isRequest, type Thread } from '../messages/model';
import { MessageLanguage, MessageView, StatusBadge, type TeamName } from '../messages/shared';
import { ActorNames, actorNamer, useActors } from '../whitecell';
import { useUiLanguage } from '../language';
import type { ReleasedInject } from '../projection';
import { conversations, lastRepliable, type ThreadMessage } from '../messages/actorThreads';

/**
 * Acknowledge / answer / decline / escalate a request addressed to the team. Answering is
 * replying: Answer opens the reply, and sending it answers the request (the server counts
 * the response time from it), so there is one way to answer.
 */
function RequestActions({
  exerciseId,
  m,
  actions,
  onAnswer,
}: {
  exerciseId: number;
  m: Message;
  actions: RequestAction[];
  onAnswer: () => void;
}) {
  const { t } = useTranslation('exercise');
  const act = useRequestAction(exerciseId, true);
  return (
    <div className="msg-request-actions" role="group" aria-label={t('messages.respondTo', { subject: m.subject })}>
      <p className="muted">{t('messages.answerHint')}</p>
      <ApiError error={act.error} />
      <div className="ex-toolbar">
        {actions.map((a) => (
          <button
            key={a}
            type="button"
            className={a === 'answer' ? 'button primary' : a === 'decline' ? 'button danger' : 'button'}
            disabled={act.isPending}
            onClick={a === 'answer' ? onAnswer : () => act.mutate({ msg: m.id, action: a, text: '', label: m.subject })}
          >
            {t(`messages.action.${a}`)}
          </button>
        ))}
      </div>
    </div>
  );
}

function ThreadView({
  exerciseId,
  thread,
  self,
  teamName,
  channelTitle,
  onReply,
  readOnly,
}: {
  exerciseId: number;
  thread: Thread;
  self: number;
  teamName: TeamName;
  channelTitle: (key: string) => string;
  onReply: (m: Message) => void;
  readOnly: boolean;
}) {
  const { t } = useTranslation('exercise');
  // An inject from an actor is not a message: a reply names the last message before it.
  const last = lastRepliable(thread) ?? thread.messages[thread.messages.length - 1]!;
  // While a request here waits for our answer, its Answer button is the reply.
  const answerable = !readOnly && thread.messages.some((m) => requestActions(m, self).includes('answer'));
  return (
    <section className="msg-thread" aria-label={t('messages.threadLabel', { subject: thread.root.subject })} data-thread-id={thread.id}>
      {thread.messages.map((m) => {
        const actions = readOnly ? [] : requestActions(m, self);
        const times = responseTimes(m);
        return (
          <MessageView key={m.id} m={m} teamName={teamName} channelTitle={channelTitle}>
            {(m as ThreadMessage).inject && <p className="muted msg-inject-note">{t('actorThreads.inject')}</p>}
            {isRequest(m) && (
              <p className="msg-times muted">
                {t('messages.times', { first: formatDuration(times.first), answered: formatDuration(times.answered) })}
              </p>
            )}
            {actions.length > 0 && <RequestActions exerciseId={exerciseId} m={m} actions={actions} onAnswer={() => onReply(m)} />}
          </MessageView>
        );
      })}
      {!answerable && !readOnly && (
        <button type="button" className="button" onClick={() => onReply(last)}>
          {t('messages.reply')}
        </button>
      )}
    </section>
  );
}

/**
 * Which channel's conversations to list. A select, not a row of buttons: scenarios add
 * their own channels, and sixteen buttons took a phone's whole screen. Each option says
 * how many messages are unread on it.
 */
function ChannelFilter({
  value,
  onChange,
  channelKeys,
  unread,
  totalUnread,
  channelTitle,
}: {
  value: string;
  onChange: (key: string) => void;
  channelKeys: readonly string[];
  unread: ReadonlyMap<string, number>;
  totalUnread: number;
  channelTitle: (key: string) => string;
}) {
  const { t } = useTranslation('exercise');
  const id = useId();
  const withCount = (label: string, n: number) => (n > 0 ? t('composer.withUnread', { label, count: n }) : label);
  return (
    <div className="msg-channel-filter">
      <label htmlFor={id}>{t('composer.showChannel')}</label>{' '}
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{withCount(t('messages.allChannels'), totalUnread)}</option>
        {channelKeys.map((k) => (
          <option key={k} value={k} data-channel={k}>
            {withCount(channelTitle(k), unread.get(k) ?? 0)}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * Whom a reply to `m` goes to: the sender (an actor when the white cell wrote as one),
 * or for our own message its recipients. An inject is not a message, so a reply to one
 * names no reply_to (the thread still holds it: it is with the same actor).
 */
function replyDraft(m: ThreadMessage, self: number, reach: (actor: string) => readonly string[]): ComposerDraft {
  const mine = m.from === self;
  const to = mine ? (m.to ?? []) : m.from === 0 ? [] : [m.from];
  const toActors = mine ? (m.to_actors ?? []) : m.from_actor ? [m.from_actor] : [];
  // An actor's inject may come on a channel that does not reach it (a phone call, an
  // official note): the reply goes on the first channel that does.
  const reaches = m.from_actor ? reach(m.from_actor) : [];
  return {
    channel: reaches.length > 0 && !reaches.includes(m.channel) ? reaches[0] : m.channel,
    to: m.inject ? [] : to,
    toControl: mine ? m.to_control : m.from === 0 && !m.from_actor,
    ...(toActors.length > 0 ? { toActors } : {}),
    subject: m.subject.startsWith('Re: ') ? m.subject : `Re: ${m.subject}`,
    ...(m.inject ? {} : { replyTo: m.id }),
  };
}

const NO_INJECTS: readonly ReleasedInject[] = [];

/** A participant's messages: an inbox per channel, threads, the composer and request actions. */
export function Inbox({
  exerciseId,
  self,
  messages,
  injects = NO_INJECTS,
  teams,
  channels,
  channelTitle,
  teamName,
  readOnly = false,
  focus = null,
  onUnread,
}: {
  exerciseId: number;
  self: number;
  messages: readonly Message[];
  /** Released injects: those from an actor join the thread with that actor. */
  injects?: readonly ReleasedInject[];
  teams: readonly Team[];
  channels: readonly MessageChannel[];
  channelTitle: (key: string) => string;
  teamName: TeamName;
  /** After the end: messages can be read, not written. */
  readOnly?: boolean;
  /** A message to open (from the new-message toast); nonce opens it again. */
  focus?: { message: number; nonce: number } | null;
  /** Told the number of unread messages, for the page title. */
  onUnread?: (count: number) => void;
}) {
  const { t } = useTranslation('exercise');
  const reader = useUiLanguage();
  const threads = useMemo(() => conversations(messages, injects, self), [messages, injects, self]);
  const actors = useActors(exerciseId);
  const actorName = actorNamer(actors);
  // The channels on which the team can reach an actor: the actor's, that the team's kind may use.
  const usable = usableChannels(channels, teams.find((tm) => tm.id === self)?.kind).map((c) => c.key);
  const reach = (actor: string) => (actors.find((a) => a.key === actor)?.channels ?? []).filter((c) => usable.includes(c));
  const paneRef = useRef<HTMLDivElement>(null);
  const [read, setRead] = useState(() => loadRead(exerciseId, self));
  const [channel, setChannel] = useState<string>('');
  const [openId, setOpenId] = useState<number | null>(null);
  const [composing, setComposing] = useState<ComposerDraft | null>(null);
  const [composerKey, setComposerKey] = useState(0);
  const unread = unreadByChannel(threads, read, self);
  const totalUnread = [...unread.values()].reduce((a, b) => a + b, 0);
  const visible = channel ? threads.filter((th) => th.channel === channel) : threads;
  const open = threads.find((th) => th.id === openId) ?? null;

  useEffect(() => onUnread?.(totalUnread), [onUnread, totalUnread]);
  // The toast's Open: show the message's thread, whatever channel is picked, and move there.
  useEffect(() => {
    if (!focus) return;
    const th = threads.find((x) => x.messages.some((m) => m.id === focus.message));
    if (!th) return;
    const timer = setTimeout(() => {
      setChannel('');
      setOpenId(th.id);
      paneRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
      paneRef.current?.focus();
    }, 0);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new focus request moves the view
  }, [focus]);

  // Opening a thread marks its messages read (including those that arrive while it is open).
  const openUnread = open ? threadUnread(open, read, self) : 0;
  if (open && openUnread > 0) {
    const next = new Set(read);
    for (const m of open.messages) next.add(m.id);
    setRead(next);
    saveRead(exerciseId, self, next);
  }

  const channelKeys = [...new Set([...channels.map((c) => c.key), ...threads.map((th) => th.channel)])];
  const startCompose = (d: ComposerDraft) => {
    setComposing(d);
    setComposerKey((k) => k + 1);
  };

  return (
    <ActorNames.Provider value={actorName}>
    <section className="card msg-inbox" aria-labelledby="inbox-title">
      <div className="ex-section-head">
        <h2 id="inbox-title">
          {t('messages.title')}{' '}
          {totalUnread > 0 && <span className="ex-badge ex-badge-new">{t('messages.unread', { count: totalUnread })}</span>}
        </h2>
        {!readOnly && (
          <button type="button" className="button primary" onClick={() => startCompose({})}>
            {t('messages.new')}
          </button>
        )}
      </div>
      {composing && !readOnly && (
        <Composer
          key={composerKey}
          exerciseId={exerciseId}
          self={self}
          teams={teams}
          channels={channels}
          channelTitle={channelTitle}
          teamName={teamName}
          draft={composing}
          onSent={(m) => {
            setComposing(null);
            setChannel('');
            setOpenId(conversations([...messages, m], injects, self).find((th) => th.messages.some((x) => x.id === m.id))?.id ?? null);
          }}
          onQueued={() => setComposing(null)}
          onCancel={() => setComposing(null)}
        />
      )}
      <ChannelFilter
        value={channel}
        onChange={setChannel}
        channelKeys={channelKeys}
        unread={unread}
        totalUnread={totalUnread}
        channelTitle={channelTitle}
      />
      <div className="msg-inbox-grid">
        <div className="msg-thread-list-wrap">
          {visible.length === 0 ? (
            <p className="muted">{t('messages.empty')}</p>
          ) : (
            <ul className="msg-thread-list" aria-label={t('messages.threads')}>
              {visible.map((th) => {
                const n = threadUnread(th, read, self);
                const last = th.messages[th.messages.length - 1]!;
                const other = th.root.lang && th.root.lang !== reader ? th.root.lang : undefined;
                return (
                  <li key={th.id} className={n > 0 ? 'msg-thread-item ex-unread' : 'msg-thread-item'}>
                    <button
                      type="button"
                      className="msg-thread-button"
                      aria-current={openId === th.id ? 'true' : undefined}
                      onClick={() => setOpenId(th.id)}
                      data-thread-id={th.id}
                    >
                      <span className="msg-thread-subject" lang={other}>
                        {th.root.subject}
                      </span>
                      <span className="msg-thread-meta">
                        {channelTitle(th.channel)} · <bdi>{last.from_actor ? last.from_name : teamName(last.from)}</bdi> · {formatHms(last.offset_seconds)}
                        {th.messages.length > 1 && ` · ${t('messages.count', { count: th.messages.length })}`}
                      </span>
                      <StatusBadge m={th.root} />
                      {other && <MessageLanguage lang={other} />}
                      {n > 0 && <span className="ex-badge ex-badge-new">{t('messages.unread', { count: n })}</span>}
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
        <div className="msg-thread-pane" ref={paneRef} tabIndex={-1}>
          {open ? (
            <ThreadView
              exerciseId={exerciseId}
              thread={open}
              self={self}
              teamName={teamName}
              channelTitle={channelTitle}
              onReply={(m) => startCompose(replyDraft(m, self, reach))}
              readOnly={readOnly}
            />
          ) : (
            <p className="muted">{t('messages.pickThread')}</p>
          )}
        </div>
      </div>
    </section>
    </ActorNames.Provider>
  );
}
