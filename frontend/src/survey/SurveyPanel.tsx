import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { splitFieldErrors } from '../components/ApiError';
import { ownCertificateUrl, useAnswerSurvey, useAskedSurvey, type SurveyAnswers, type SurveyAsked } from './api';
import './survey.css';

type Answers = NonNullable<SurveyAnswers['answers']>;
type Asked = SurveyAsked['questions'][number];

const VALUES = [1, 2, 3, 4, 5] as const;

/**
 * The room after the end: the feedback survey, once (answered or skipped, it does not come
 * back), and the participant's own certificate. The answers go to the server without the
 * participant's identity (backend/internal/survey).
 */
export function RoomEndPanel({ exerciseId }: { exerciseId: number }) {
  const { t } = useTranslation('exercise');
  const asked = useAskedSurvey(exerciseId);
  const [done, setDone] = useState<'sent' | 'skipped' | null>(null);
  return (
    <>
      {done && (
        <p className="alert success" role="status">
          {done === 'sent' ? t('survey.thanks') : t('survey.skipped')}
        </p>
      )}
      {!done && asked.data?.open && asked.data.pending && (
        <SurveyForm exerciseId={exerciseId} asked={asked.data} onDone={setDone} />
      )}
      <section className="card sv-certificate" aria-labelledby="sv-certificate-title">
        <h2 id="sv-certificate-title">{t('survey.certificateTitle')}</h2>
        <p className="muted">{t('survey.certificateIntro')}</p>
        <a className="button secondary" href={ownCertificateUrl(exerciseId)} download>
          {t('survey.certificateDownload')}
        </a>
      </section>
    </>
  );
}

function SurveyForm({
  exerciseId,
  asked,
  onDone,
}: {
  exerciseId: number;
  asked: SurveyAsked;
  onDone: (d: 'sent' | 'skipped') => void;
}) {
  const { t, i18n } = useTranslation('exercise');
  const send = useAnswerSurvey(exerciseId);
  const [answers, setAnswers] = useState<Answers>({});
  const server = send.error ? splitFieldErrors(send.error, [] as const) : null;
  const set = (key: string, a: Answers[string]) => setAnswers((prev) => ({ ...prev, [key]: { ...prev[key], ...a } }));
  const submit = (skip: boolean) => (e?: FormEvent) => {
    e?.preventDefault();
    send.mutate(skip ? { skip: true } : { answers }, { onSuccess: () => onDone(skip ? 'skipped' : 'sent') });
  };
  return (
    <section className="card sv-form" aria-labelledby="sv-title">
      <h2 id="sv-title">{t('survey.title')}</h2>
      <p className="muted">{t('survey.intro')}</p>
      {server?.banner && (
        <div className="alert error" role="alert">
          {server.banner}
        </div>
      )}
      <form onSubmit={submit(false)} noValidate>
        {asked.questions.map((q) => {
          const lang = q.lang !== i18n.language ? q.lang : undefined;
          if (q.kind === 'scale') {
            return (
              <ScaleField
                key={q.key}
                legend={q.text}
                lang={lang}
                value={answers[q.key]?.value}
                onChange={(value) => set(q.key, { value })}
              />
            );
          }
          if (q.kind === 'cbm_scale') return <CbmField key={q.key} q={q} lang={lang} asked={asked} answers={answers} set={set} />;
          return <TextField key={q.key} q={q} lang={lang} value={answers[q.key]?.text ?? ''} onChange={(text) => set(q.key, { text })} />;
        })}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={send.isPending}>
            {send.isPending ? t('survey.sending') : t('survey.send')}
          </button>
          <button type="button" className="button secondary" disabled={send.isPending} onClick={() => submit(true)()}>
            {t('survey.skip')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Five radio buttons in a fieldset: the scale 1–5, the ends named in the hint. */
function ScaleField({
  legend,
  lang,
  value,
  onChange,
  small,
}: {
  legend: string;
  lang?: string;
  value?: number;
  onChange: (v: number) => void;
  small?: boolean;
}) {
  const { t } = useTranslation('exercise');
  const name = useId();
  return (
    <fieldset className={small ? 'sv-scale sv-scale-small' : 'sv-scale'}>
      <legend lang={lang}>{legend}</legend>
      {!small && <p className="muted sv-hint">{t('survey.scaleHint')}</p>}
      <div className="sv-values">
        {VALUES.map((v) => (
          <label key={v} className="sv-value">
            <input type="radio" name={name} value={v} checked={value === v} onChange={() => onChange(v)} />
            <span>{v}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function CbmField({
  q,
  lang,
  asked,
  answers,
  set,
}: {
  q: Asked;
  lang?: string;
  asked: SurveyAsked;
  answers: Answers;
  set: (key: string, a: Answers[string]) => void;
}) {
  const { t } = useTranslation('exercise');
  const cbms = answers[q.key]?.cbms ?? {};
  const change = (cbm: string, when: 'before' | 'after', v: number) =>
    set(q.key, { cbms: { ...cbms, [cbm]: { ...cbms[cbm], [when]: v } } });
  return (
    <fieldset className="sv-cbms">
      <legend lang={lang}>{q.text}</legend>
      <p className="muted sv-hint">{t('survey.scaleHint')}</p>
      {asked.cbms.map((c) => (
        <div key={c.key} className="sv-cbm" role="group" aria-label={`${t('survey.cbm', { key: c.key })}: ${c.title}`}>
          <p className="sv-cbm-title">
            <strong>{t('survey.cbm', { key: c.key })}</strong> {c.title}
          </p>
          <ScaleField small legend={t('survey.before')} value={cbms[c.key]?.before} onChange={(v) => change(c.key, 'before', v)} />
          <ScaleField small legend={t('survey.after')} value={cbms[c.key]?.after} onChange={(v) => change(c.key, 'after', v)} />
        </div>
      ))}
    </fieldset>
  );
}

function TextField({ q, lang, value, onChange }: { q: Asked; lang?: string; value: string; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <div className="field sv-text">
      <label htmlFor={id} lang={lang}>
        {q.text}
      </label>
      <textarea id={id} rows={3} maxLength={2000} value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}
