import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../auth/guards';
import { splitFieldErrors } from '../components/ApiError';
import { Field } from '../components/Field';
import type { Workshop } from '../exercise/api';
import {
  attendanceCsvUrl,
  certificatesUrl,
  countsCsvUrl,
  GENDERS,
  surveyCsvUrl,
  useAttendance,
  useAttendanceCounts,
  useSaveSurveyQuestions,
  useSurveyQuestions,
  useSurveyResults,
  type AttendanceCounts,
  type SurveyQuestion,
} from './api';
import { SurveySummaryTable } from './SurveyResults';
import './survey.css';

const KINDS = ['scale', 'cbm_scale', 'text'] as const;

/** The workshop's organiser: an admin or a lead facilitator (the server decides the same). */
function useOrganiser(w: Workshop): boolean {
  const user = useCurrentUser();
  return user.role === 'admin' || w.staff.find((s) => s.user_id === user.id)?.duty === 'lead';
}

/** The text of a question in `lang`, or the closest there is (English, then any). */
function textIn(q: SurveyQuestion, lang: string): { text: string; lang: string } {
  for (const l of [lang, 'en', ...Object.keys(q.texts)]) {
    if (q.texts[l]) return { text: q.texts[l], lang: l };
  }
  return { text: '', lang };
}

/**
 * The workshop's feedback survey: its questions (the organiser edits them), the results
 * of every exercise together, and the answers as CSV (no names in either).
 */
export function SurveySection({ workshop: w }: { workshop: Workshop }) {
  const { t, i18n } = useTranslation('exercise');
  const organiser = useOrganiser(w);
  const workshop = w.id;
  const questions = useSurveyQuestions(workshop);
  const results = useSurveyResults(workshop, undefined, i18n.language);
  const [editing, setEditing] = useState(false);
  return (
    <section className="card" aria-labelledby="survey-title">
      <h2 id="survey-title">{t('survey.questionsTitle')}</h2>
      <p className="muted">{t('survey.questionsIntro')}</p>
      {editing && questions.data ? (
        <QuestionEditor workshop={workshop} initial={questions.data} onClose={() => setEditing(false)} />
      ) : (
        <>
          <ol>
            {(questions.data ?? []).map((q) => {
              const shown = textIn(q, i18n.language);
              return (
                <li key={q.key}>
                  <span lang={shown.lang !== i18n.language ? shown.lang : undefined}>{shown.text}</span>{' '}
                  <span className="muted">({t(`survey.kind.${q.kind}`)})</span>
                </li>
              );
            })}
          </ol>
          {organiser && (
            <button type="button" className="button secondary" onClick={() => setEditing(true)} disabled={!questions.data}>
              {t('survey.edit')}
            </button>
          )}
        </>
      )}
      <h3>{t('survey.results')}</h3>
      {results.data && <SurveySummaryTable summary={results.data} />}
      <p className="sv-links">
        <a className="button secondary" href={surveyCsvUrl(workshop)} download>
          {t('survey.csv')}
        </a>
      </p>
    </section>
  );
}

interface Draft {
  key: string;
  kind: SurveyQuestion['kind'];
  text: string;
  original?: SurveyQuestion;
}

function QuestionEditor({ workshop, initial, onClose }: { workshop: number; initial: SurveyQuestion[]; onClose: () => void }) {
  const { t, i18n } = useTranslation('exercise');
  const lang = i18n.language;
  const save = useSaveSurveyQuestions(workshop);
  const [drafts, setDrafts] = useState<Draft[]>(() =>
    initial.map((q) => ({ key: q.key, kind: q.kind, text: textIn(q, lang).text, original: q })),
  );
  const server = save.error ? splitFieldErrors(save.error, [] as const) : null;
  const update = (i: number, d: Partial<Draft>) => setDrafts((all) => all.map((x, j) => (j === i ? { ...x, ...d } : x)));
  // A question whose text changed in this language keeps only the new text: the other
  // languages' texts said the old thing.
  const toQuestion = (d: Draft): SurveyQuestion => {
    const unchanged = d.original && textIn(d.original, lang).text === d.text.trim();
    return { key: d.key, kind: d.kind, texts: unchanged && d.original ? d.original.texts : { [lang]: d.text.trim() } };
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    save.mutate(drafts.map(toQuestion), { onSuccess: onClose });
  };
  return (
    <form onSubmit={submit} noValidate>
      <p className="muted">{t('survey.editedLanguage')}</p>
      {server?.banner && (
        <div className="alert error" role="alert">
          {server.banner}
        </div>
      )}
      {drafts.map((d, i) => (
        <div key={i} className="sv-edit-q">
          <Field label={`${t('survey.questionText')} ${i + 1}`}>
            <input type="text" maxLength={500} value={d.text} onChange={(e) => update(i, { text: e.target.value })} />
          </Field>
          <Field label={t('survey.kindLabel')}>
            <select value={d.kind} onChange={(e) => update(i, { kind: e.target.value as Draft['kind'] })}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`survey.kind.${k}`)}
                </option>
              ))}
            </select>
          </Field>
          <button type="button" className="button secondary small" onClick={() => setDrafts((all) => all.filter((_, j) => j !== i))}>
            {t('survey.remove')}
          </button>
        </div>
      ))}
      <div className="form-actions">
        <button
          type="button"
          className="button secondary"
          disabled={drafts.length >= 20}
          onClick={() => setDrafts((all) => [...all, { key: '', kind: 'scale', text: '' }])}
        >
          {t('survey.add')}
        </button>
        <button type="submit" className="button primary" disabled={save.isPending}>
          {t('survey.save')}
        </button>
        <button type="button" className="button secondary" onClick={() => save.mutate([], { onSuccess: onClose })}>
          {t('survey.reset')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('survey.cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * Who attended: counts for every staff member; the names, the attendance list's CSV and the
 * certificates for the organiser only (the counts are all that leaves the workshop).
 */
export function AttendanceSection({ workshop: w }: { workshop: Workshop }) {
  const { t, i18n } = useTranslation('exercise');
  const organiser = useOrganiser(w);
  const workshop = w.id;
  const list = useAttendance(workshop, organiser);
  const countsOnly = useAttendanceCounts(workshop, !organiser);
  const counts = organiser ? list.data?.counts : countsOnly.data;
  const gender = (g: string) => (g ? t(`attendance.genders.${g}`) : t('attendance.notGiven'));
  const joined = (s: string) => new Date(s).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <section className="card" aria-labelledby="attendance-title">
      <h2 id="attendance-title">{t('attendance.title')}</h2>
      <p className="muted">{t('attendance.intro')}</p>
      {counts && <Counts counts={counts} gender={gender} />}
      <p className="sv-links">
        <a className="button secondary" href={countsCsvUrl(workshop)} download>
          {t('attendance.countsCsv')}
        </a>
        {organiser && (
          <>
            <a className="button secondary" href={attendanceCsvUrl(workshop)} download>
              {t('attendance.csv')}
            </a>
            <a className="button secondary" href={certificatesUrl(workshop)} download>
              {t('attendance.certificates')}
            </a>
          </>
        )}
      </p>
      {!organiser && <p className="muted">{t('attendance.organiserOnly')}</p>}
      {organiser && list.data && list.data.people.length > 0 && (
        <div className="table-wrap">
          <table className="sv-people" data-testid="attendance-list">
            <thead>
              <tr>
                <th scope="col">{t('attendance.name')}</th>
                <th scope="col">{t('attendance.organisation')}</th>
                <th scope="col">{t('attendance.function')}</th>
                <th scope="col">{t('attendance.gender')}</th>
                <th scope="col">{t('attendance.team')}</th>
                <th scope="col">{t('attendance.exercise')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.people.map((p, i) => (
                <tr key={i}>
                  <th scope="row">{p.name}</th>
                  <td>{p.organisation || '—'}</td>
                  <td>{p.function || '—'}</td>
                  <td>{p.gender ? gender(p.gender) : '—'}</td>
                  <td>{p.team}</td>
                  <td>
                    {p.exercise || `#${p.exercise_id}`} <span className="muted">{joined(p.joined_at)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Counts({ counts, gender }: { counts: AttendanceCounts; gender: (g: string) => string }) {
  const { t } = useTranslation('exercise');
  const byGender = [...GENDERS, ''].map((g) => ({ value: g, count: counts.by_gender.find((c) => c.value === g)?.count ?? 0 }));
  return (
    <>
      <p data-testid="attendance-total">
        <strong>{t('attendance.total', { count: counts.total })}</strong>
      </p>
      <div className="sv-counts">
        <table className="sv-stats" data-testid="attendance-by-gender">
          <caption>{t('attendance.byGender')}</caption>
          <tbody>
            {byGender.map((c) => (
              <tr key={c.value || 'none'}>
                <th scope="row">{gender(c.value)}</th>
                <td className="num">{c.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="sv-stats">
          <caption>{t('attendance.byOrganisation')}</caption>
          <tbody>
            {counts.by_organisation.map((c) => (
              <tr key={c.value || 'none'}>
                <th scope="row">{c.value || t('attendance.notGiven')}</th>
                <td className="num">{c.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
