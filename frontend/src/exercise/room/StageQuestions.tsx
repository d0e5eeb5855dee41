import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorText } from '../../components/ApiError';
import { isolate } from '../../components/Bidi';
import { Markdown } from '../../components/Markdown';
import { outboxFor } from '../outbox/outbox';
import { loadDraft, useDraft } from '../outbox/drafts';
import { fallbackFields, FallbackMark, InLang } from '../components/Fallback';
import { answerKey, type Answer, type StartedPhase } from '../projection';

export const SAVE_DELAY_MS = 800;
/** The server's limit (backend/internal/exercise/answers.go MaxAnswerLen). */
const MAX_ANSWER = 10000;

interface Props {
  exerciseId: number;
  teamId: number;
  phases: StartedPhase[];
  answers: Map<string, Answer>;
  closedPhases: Set<string>;
  sharedPhases: Set<string>;
  teamName: (id: number) => string;
  /** The scenario's source language, for texts shown untranslated. */
  source?: string;
}

/** The discussion questions of every started phase, newest phase first, with the team's shared answers. */
export function StageQuestions({ exerciseId, teamId, phases, answers, closedPhases, sharedPhases, teamName, source = 'en' }: Props) {
  const { t } = useTranslation('exercise');
  const ordered = [...phases].reverse();
  return (
    <section className="card ex-questions" aria-labelledby="questions-title">
      <h2 id="questions-title">{t('questions.title')}</h2>
      {ordered.length === 0 && <p className="muted">{t('questions.none')}</p>}
      {ordered.map((ph) => {
        const closed = closedPhases.has(ph.key);
        const shared = sharedPhases.has(ph.key);
        const fields = [
          'title',
          ...(ph.clock ? ['clock'] : []),
          ...(ph.situation ? ['situation'] : []),
          ...ph.questions.map((q) => `questions.${q.key}`),
        ];
        const fb = fallbackFields(ph, fields, source);
        return (
          <section key={ph.key} className="ex-phase" aria-labelledby={`phase-${ph.key}`}>
            <h3 id={`phase-${ph.key}`}>
              <InLang lang={fb.lang('title')}>{ph.title}</InLang>{' '}
              {ph.clock && (
                <span className="muted">
                  · <InLang lang={fb.lang('clock')}>{ph.clock}</InLang>
                </span>
              )}{' '}
              {closed && <span className="ex-badge">{t('questions.closed')}</span>}
              {(fb.whole || fb.mark('title')) && <FallbackMark source={source} />}
            </h3>
            {ph.situation && (
              <>
                {fb.mark('situation') && <FallbackMark source={source} />}
                <div className="ex-situation" lang={fb.lang('situation')}>
                  <Markdown>{ph.situation}</Markdown>
                </div>
              </>
            )}
            {ph.questions.map((q) => {
              const others = shared
                ? [...answers.values()].filter((a) => a.phase === ph.key && a.question === q.key && a.teamId !== teamId)
                : [];
              return (
                <div key={q.key} className="ex-question">
                  <AnswerBox
                    exerciseId={exerciseId}
                    phase={ph.key}
                    question={q.key}
                    text={q.text}
                    textLang={fb.lang(`questions.${q.key}`)}
                    mark={fb.mark(`questions.${q.key}`) ? source : undefined}
                    answer={answers.get(answerKey(teamId, ph.key, q.key))}
                    closed={closed}
                  />
                  {others.length > 0 && (
                    <div className="ex-shared">
                      <h4>{t('questions.otherTeams')}</h4>
                      <ul>
                        {others.map((a) => (
                          <li key={a.teamId}>
                            <strong>{teamName(a.teamId)}:</strong> <bdi className="ex-pre">{a.text}</bdi>
                          </li>
                        ))}
                      </ul>
                    </div>
                  )}
                </div>
              );
            })}
          </section>
        );
      })}
    </section>
  );
}

type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'queued' | 'error';

interface AnswerBoxProps {
  exerciseId: number;
  phase: string;
  question: string;
  text: string;
  answer: Answer | undefined;
  closed: boolean;
  /** The question's language attribute, and the source language when it is shown untranslated. */
  textLang?: string;
  mark?: string;
}

/** One shared answer: saves while typing (debounced), shows who edited last, can be submitted. */
export function AnswerBox({ exerciseId, phase, question, text, answer, closed, textLang, mark }: AnswerBoxProps) {
  const { t } = useTranslation('exercise');
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  // What we saved last, shown until the stream brings an answer newer than the one we had.
  const [echo, setEcho] = useState<{ text: string; seq: number } | null>(null);
  const [status, setStatus] = useState<SaveStatus>('idle');
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pendingText = useRef<string | null>(null);
  const serverSeq = answer?.seq ?? 0;

  const shown = draft ?? (echo && serverSeq <= echo.seq ? echo.text : (answer?.text ?? ''));

  // Typing kept in the browser until the server has it (a reload, offline, loses nothing).
  const kept = useDraft<string>(exerciseId, `answer:${phase}:${question}`);
  const { drop } = kept;

  const save = (value: string, submit = false) => {
    clearTimeout(timer.current);
    timer.current = undefined;
    pendingText.current = null;
    setStatus('saving');
    setError(null);
    const seqAtSave = serverSeq;
    // Through the outbox: a save the network loses is sent again by itself; a newer
    // text of the same answer replaces one still waiting.
    outboxFor(exerciseId)
      .submit({
        kind: 'answer',
        method: 'PUT',
        path: `/exercises/${exerciseId}/answers/${encodeURIComponent(phase)}/${encodeURIComponent(question)}`,
        body: submit ? { text: value, submit: true } : { text: value },
        label: text,
        slot: `answer:${phase}:${question}`,
      })
      .then(
        (r) => {
          if (!r.delivered) {
            setStatus('queued');
            return;
          }
          drop();
          setStatus('saved');
          setEcho({ text: value, seq: seqAtSave });
          setDraft((d) => (d === value ? null : d));
        },
        (err: unknown) => {
          setStatus('error');
          // The server's message about the text is the whole story; its summary adds nothing.
          setError(apiErrorText(err, 'instead'));
        },
      );
  };
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });

  // A save kept in the outbox went out later: the answer is saved, its draft can go.
  useEffect(
    () =>
      outboxFor(exerciseId).onDelivered((item) => {
        if (item.slot !== `answer:${phase}:${question}`) return;
        drop();
        setStatus((s) => (s === 'queued' ? 'saved' : s));
      }),
    [exerciseId, phase, question, drop],
  );

  // Leaving the page with unsaved typing: save it now.
  useEffect(
    () => () => {
      if (timer.current && pendingText.current !== null) saveRef.current(pendingText.current);
    },
    [],
  );

  const onChange = (value: string) => {
    kept.keep(value);
    setDraft(value);
    setStatus('pending');
    pendingText.current = value;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => saveRef.current(value), SAVE_DELAY_MS);
  };
  const changeRef = useRef(onChange);
  useEffect(() => {
    changeRef.current = onChange;
  });

  // Typing from before a reload that the server never got: show it and save it again.
  const serverText = useRef(answer?.text ?? '');
  const readOnly = useRef(closed);
  useEffect(() => {
    serverText.current = answer?.text ?? '';
    readOnly.current = closed;
  });
  useEffect(() => {
    let live = true;
    void loadDraft<string>(exerciseId, `answer:${phase}:${question}`).then((k) => {
      if (!live || typeof k !== 'string' || readOnly.current) return;
      if (k === serverText.current) drop();
      else if (pendingText.current === null) changeRef.current(k);
    });
    return () => {
      live = false;
    };
  }, [exerciseId, phase, question, drop]);

  const statusText =
    status === 'pending' || status === 'saving'
      ? t('questions.saving')
      : status === 'saved'
        ? t('questions.saved')
        : status === 'queued'
          ? t('outbox.answerQueued')
          : '';

  return (
    <div className="ex-answer" data-question={question}>
      <label htmlFor={id} className="ex-question-text">
        <InLang lang={textLang}>{text}</InLang>
        {mark && <> <FallbackMark source={mark} /></>}
      </label>
      <textarea
        id={id}
        rows={4}
        value={shown}
        readOnly={closed}
        maxLength={MAX_ANSWER}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-meta ${id}-error` : `${id}-meta`}
        onChange={(e) => onChange(e.target.value)}
      />
      <div className="ex-answer-meta" id={`${id}-meta`}>
        {answer?.by && <span>{isolate((v) => t('questions.lastEdit', v), { name: answer.by })}</span>}
        {answer?.submitted && <span className="ex-badge ex-badge-ok">{t('questions.submitted')}</span>}
        {closed && <span>{t('questions.readOnly')}</span>}
        <span aria-live="polite">{statusText}</span>
      </div>
      {error && (
        <p className="field-error" role="alert" id={`${id}-error`}>
          {error}
        </p>
      )}
      {!closed && (
        <button
          type="button"
          className="button small primary"
          disabled={status === 'saving' || shown.trim() === ''}
          onClick={() => save(shown, true)}
        >
          {t('questions.submit')}
        </button>
      )}
    </div>
  );
}
