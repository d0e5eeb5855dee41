import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../components/ApiError';
import { useRequestAction, useSendMessage, type Message, type MessageChannel } from '../messages/api';
import { MessageView, type TeamName } from '../messages/shared';
import { ActorNames, actorNamer, useActors, whiteCellInbox } from '../whitecell';

/** The channel an answer goes back on: the message's own, unless only control can be written to there. */
function replyChannel(m: Message, channels: readonly MessageChannel[]): string {
  const own = channels.find((c) => c.key === m.channel);
  if (own && !own.control && !own.all_teams) return m.channel;
  return channels.find((c) => !c.control && !c.all_teams)?.key ?? m.channel;
}

/** The answer form under one message: as the actor it was written to, or as exercise control. */
function AnswerForm({
  exerciseId,
  m,
  channels,
  actor,
  onDone,
}: {
  exerciseId: number;
  m: Message;
  channels: readonly MessageChannel[];
  actor: { key: string; name: string } | null;
  onDone: () => void;
}) {
  const { t } = useTranslation('exercise');
  const send = useSendMessage(exerciseId);
  const step = useRequestAction(exerciseId);
  const [text, setText] = useState('');
  const pending = send.isPending || step.isPending;
  const label = actor ? t('whiteCell.answerAs', { actor: actor.name }) : t('whiteCell.answer');
  return (
    <form
      className="ex-form wc-answer"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim()) return;
        // A request is answered through its lifecycle (the server speaks as the actor it
        // was written to); any other message gets a reply as the actor.
        if (m.kind && m.status !== 'answered' && m.status !== 'declined') {
          step.mutate({ msg: m.id, action: 'answer', text }, { onSuccess: onDone });
          return;
        }
        send.mutate(
          {
            to: [m.from],
            channel: replyChannel(m, channels),
            subject: m.subject.startsWith('Re: ') ? m.subject : `Re: ${m.subject}`,
            body: text,
            cbms: m.cbms ?? [],
            kind: '',
            reply_to: m.id,
            ...(actor ? { as_actor: actor.key } : {}),
          },
          { onSuccess: onDone },
        );
      }}
    >
      <label>
        {label}
        <textarea rows={4} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <ApiError error={send.error ?? step.error} />
      <div className="ex-toolbar">
        <button type="submit" className="button primary" disabled={pending || !text.trim()}>
          {t('whiteCell.send')}
        </button>
        <button type="button" className="button secondary" onClick={onDone}>
          {t('messages.cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * The white cell's inbox: the teams' messages to the actors the exercise control plays
 * and to control itself, unanswered first, newest first; each answered as its actor.
 */
export function WhiteCell({
  exerciseId,
  messages,
  channels,
  channelTitle,
  teamName,
  canAnswer,
}: {
  exerciseId: number;
  messages: readonly Message[];
  channels: readonly MessageChannel[];
  channelTitle: (key: string) => string;
  teamName: TeamName;
  canAnswer: boolean;
}) {
  const { t } = useTranslation('exercise');
  const actors = useActors(exerciseId);
  const actorName = actorNamer(actors);
  const [answering, setAnswering] = useState<number | null>(null);
  const items = whiteCellInbox(messages);
  return (
    <ActorNames.Provider value={actorName}>
      <section className="card wc-inbox" aria-labelledby="wc-title">
        <h2 id="wc-title">{t('whiteCell.title')}</h2>
        <p className="muted">{t('whiteCell.intro')}</p>
        {actors.length > 0 && (
          // How each actor behaves, one click away: the messages come first.
          <details className="wc-actors">
            <summary>{t('whiteCell.actors')}</summary>
            <ul>
              {actors.map((a) => (
                <li key={a.key} data-actor={a.key}>
                  <strong lang={a.lang}>{a.name}</strong> <span className="muted">({t(`whiteCell.kind.${a.kind}`)})</span>
                  {a.note && <p className="muted">{a.note}</p>}
                </li>
              ))}
            </ul>
          </details>
        )}
        {items.length === 0 ? (
          <p className="muted">{t('whiteCell.empty')}</p>
        ) : (
          <ul className="wc-list">
            {items.map(({ m, answered }) => {
              const key = m.to_actors?.[0];
              const actor = key ? { key, name: actorName(key) } : null;
              return (
                <li key={m.id} data-answered={answered}>
                  <MessageView m={m} teamName={teamName} channelTitle={channelTitle}>
                    <p>
                      <span className={`ex-badge ${answered ? '' : 'ex-badge-new'}`}>
                        {answered ? t('whiteCell.answered') : t('whiteCell.unanswered')}
                      </span>
                    </p>
                    {canAnswer &&
                      (answering === m.id ? (
                        <AnswerForm exerciseId={exerciseId} m={m} channels={channels} actor={actor} onDone={() => setAnswering(null)} />
                      ) : (
                        <button type="button" className="button secondary" onClick={() => setAnswering(m.id)}>
                          {actor ? t('whiteCell.answerAs', { actor: actor.name }) : t('whiteCell.answer')}
                        </button>
                      ))}
                  </MessageView>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </ActorNames.Provider>
  );
}
