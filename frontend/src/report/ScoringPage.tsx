import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCurrentUser } from '../auth/guards';
import { ApiError } from '../components/ApiError';
import { PageTitle } from '../components/PageTitle';
import { useExercise } from '../exercise/api';
import { dutyOf, mayOf } from '../exercise/duty';
import {
  useAddImprovement,
  useAssess,
  usePublish,
  useReport,
  useSetScore,
  useTeamMessages,
  type Criterion,
  type CriterionScore,
  type Report,
  type TeamReport,
} from './api';
import { EvidenceReview } from './EvidenceReview';
import { formatSeconds, scaleValues } from './model';
import { ScoringNotYours } from './ScoringNotYours';
import { MeasuredEvidence, StaffLinks, useInjectTitle, useTeamNamer } from './shared';
import './report.css';

/** "Saved", shown after a successful save. */
function Saved({ show }: { show: boolean }) {
  const { t } = useTranslation('report');
  if (!show) return null;
  return (
    <span role="status" className="ok">
      {t('scoring.saved')}
    </span>
  );
}

/** Scoring, assessments, the improvement plan and publication (staff). */
export function ScoringPage() {
  const { t } = useTranslation('report');
  const id = Number(useParams().id);
  const report = useReport(id);
  const teamName = useTeamNamer(id, report.data);
  const injectTitle = useInjectTitle(id);
  const [teamId, setTeamId] = useState<number | null>(null);
  const ex = useExercise(id);

  if (ex.data && !mayOf(ex.data)('score')) return <ScoringNotYours id={id} duty={dutyOf(ex.data)} />;
  if (report.isPending) return <p role="status">{t('loading')}</p>;
  if (report.isError) {
    return (
      <p className="alert error" role="alert">
        {t('loadFailed', { message: report.error.message })}
      </p>
    );
  }
  const r = report.data;
  const teams = r.teams ?? [];
  const team = teams.find((x) => x.team_id === teamId) ?? teams[0];

  return (
    <div className="rp-page">
      <PageTitle>{t('scoring.title', { title: r.exercise.title || r.exercise.scenario })}</PageTitle>
      <p className="muted">{t('scoring.lead')}</p>
      <StaffLinks id={id} current="scoring" />
      <PublishBar id={id} report={r} />

      {teams.length === 0 ? (
        <p className="muted">{t('scoring.noTeams')}</p>
      ) : (
        <>
          <div className="field rp-team-pick">
            <label htmlFor="rp-team">{t('scoring.team')}</label>
            <select id="rp-team" value={team?.team_id ?? ''} onChange={(e) => setTeamId(Number(e.target.value))}>
              {teams.map((x) => (
                <option key={x.team_id} value={x.team_id}>
                  {x.name}
                </option>
              ))}
            </select>
          </div>
          {team && (
            <div className="rp-scoring-grid" key={team.team_id}>
              <section className="card" aria-labelledby="rp-rubric">
                <h2 id="rp-rubric">{t('scoring.rubric', { team: team.name })}</h2>
                <p className="muted">
                  {r.exercise.scale === 'numeric' ? t('scoring.scaleNumeric') : t('scoring.scalePsmu')}
                </p>
                {(r.exercise.criteria ?? []).map((c) => (
                  <CriterionScorer
                    key={c.key}
                    exerciseId={id}
                    scale={r.exercise.scale}
                    criterion={c}
                    team={team}
                    current={team.scorecard?.find((s) => s.criterion === c.key)}
                  />
                ))}
                <AssessmentForm exerciseId={id} team={team} />
              </section>
              <section className="card" aria-labelledby="rp-measured">
                <h2 id="rp-measured">{t('scoring.measured', { team: team.name })}</h2>
                <MeasuredEvidence team={team} teamName={teamName} injectTitle={injectTitle} showExpected={false} />
              </section>
            </div>
          )}
          {team && <EvidenceReview key={`evidence-${team.team_id}`} exerciseId={id} team={team} injectTitle={injectTitle} />}
        </>
      )}
      <ImprovementPlan exerciseId={id} report={r} />
    </div>
  );
}

function PublishBar({ id, report }: { id: number; report: Report }) {
  const { t } = useTranslation('report');
  const publish = usePublish(id);
  return (
    <div className="rp-publish card" role="group" aria-label={t('scoring.publication')}>
      {report.published ? (
        <p>
          <span className="ex-badge ex-badge-ok">{t('scoring.published')}</span> {t('scoring.publishedHint')}
        </p>
      ) : (
        <>
          <p>{t('scoring.notPublished')}</p>
          <button type="button" className="button" onClick={() => publish.mutate()} disabled={publish.isPending}>
            {t('scoring.publish')}
          </button>
        </>
      )}
      <ApiError error={publish.error} />
    </div>
  );
}

function CriterionScorer({
  exerciseId,
  scale,
  criterion,
  team,
  current,
}: {
  exerciseId: number;
  scale: string;
  criterion: Criterion;
  team: TeamReport;
  current: CriterionScore | undefined;
}) {
  const { t } = useTranslation('report');
  const user = useCurrentUser();
  const mine = current?.scores?.find((s) => s.by_user === user.id);
  const start = mine ?? current?.final ?? null;
  const [value, setValue] = useState(start?.value ?? '');
  const [comment, setComment] = useState(start?.comment ?? '');
  const [evidence, setEvidence] = useState<number[]>(start?.evidence ?? []);
  const [final, setFinal] = useState(!!current?.final && (!mine || mine.final));
  const [saved, setSaved] = useState(false);
  const save = useSetScore(exerciseId);
  const messages = useTeamMessages(exerciseId, team.team_id);
  const values = scaleValues(scale);
  const name = `score-${team.team_id}-${criterion.key}`;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!value) return;
    setSaved(false);
    save.mutate(
      { team_id: team.team_id, criterion: criterion.key, value, comment, evidence, final },
      { onSuccess: () => setSaved(true) },
    );
  };
  const toggleEvidence = (seq: number, on: boolean) =>
    setEvidence((prev) => (on ? [...new Set([...prev, seq])].sort((a, b) => a - b) : prev.filter((x) => x !== seq)));

  return (
    <form className="rp-criterion" onSubmit={submit} data-criterion={criterion.key}>
      <fieldset>
        <legend>
          <strong>{criterion.title}</strong>
          {criterion.cbms && criterion.cbms.length > 0 && (
            <span className="muted"> · {t('cbmList', { list: criterion.cbms.join(', ') })}</span>
          )}
        </legend>
        <p className="muted">{criterion.description}</p>
        <div className="rp-scale" role="radiogroup" aria-label={t('scoring.scoreFor', { criterion: criterion.title })}>
          {values.map((v) => (
            <label key={v.value} className={value === v.value ? 'rp-scale-option selected' : 'rp-scale-option'}>
              <input
                type="radio"
                name={name}
                value={v.value}
                checked={value === v.value}
                onChange={() => setValue(v.value)}
              />
              <span className="rp-scale-value">{v.value}</span> <span>{t(v.meaningKey)}</span>
            </label>
          ))}
        </div>
        <div className="field">
          <label htmlFor={`${name}-comment`}>{t('scoring.comment')}</label>
          <textarea id={`${name}-comment`} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
        </div>
        <details className="rp-evidence-pick">
          <summary>{t('scoring.evidenceLinks', { count: evidence.length })}</summary>
          {messages.isPending && <p role="status">{t('loading')}</p>}
          {messages.data && messages.data.length === 0 && <p className="muted">{t('scoring.noMessages')}</p>}
          <ul className="rp-checklist">
            {[...(messages.data ?? [])]
              .sort((a, b) => a.id - b.id)
              .map((m) => (
                <li key={m.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={evidence.includes(m.id)}
                      onChange={(e) => toggleEvidence(m.id, e.target.checked)}
                    />{' '}
                    #{m.id} · {formatSeconds(m.offset_seconds)} · {m.from_name}: {m.subject}
                    {m.kind ? ` (${t(`kinds.${m.kind}`, { defaultValue: m.kind })})` : ''}
                  </label>
                </li>
              ))}
          </ul>
        </details>
        <label className="rp-final">
          <input type="checkbox" checked={final} onChange={(e) => setFinal(e.target.checked)} /> {t('scoring.final')}
        </label>
        {current && (current.scores ?? []).length > 0 && (
          <p className="muted rp-others">
            {t('scoring.given')}{' '}
            {(current.scores ?? []).map((s) => `${s.by}: ${s.value}`).join(' · ')}
            {current.differ && <> · <strong>{t('scoring.differ')}</strong></>}
          </p>
        )}
        {current?.final && (
          <p className="muted">{t('scoring.agreed', { value: current.final.value, by: current.final.by })}</p>
        )}
        <div className="form-actions">
          <button type="submit" className="button" disabled={!value || save.isPending}>
            {t('scoring.save')}
          </button>
          <Saved show={saved} />
        </div>
        <ApiError error={save.error} />
      </fieldset>
    </form>
  );
}

function AssessmentForm({ exerciseId, team }: { exerciseId: number; team: TeamReport }) {
  const { t } = useTranslation('report');
  const [strengths, setStrengths] = useState(team.strengths);
  const [improvements, setImprovements] = useState(team.improvements);
  const [saved, setSaved] = useState(false);
  const assess = useAssess(exerciseId);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    assess.mutate({ team: team.team_id, strengths, improvements }, { onSuccess: () => setSaved(true) });
  };
  return (
    <form onSubmit={submit} className="rp-assessment" aria-labelledby="rp-assessment-title">
      <h3 id="rp-assessment-title">{t('scoring.assessment')}</h3>
      <div className="field">
        <label htmlFor="rp-strengths">{t('strengths')}</label>
        <textarea id="rp-strengths" rows={3} value={strengths} onChange={(e) => setStrengths(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="rp-improvements">{t('improvements')}</label>
        <textarea id="rp-improvements" rows={3} value={improvements} onChange={(e) => setImprovements(e.target.value)} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={assess.isPending}>
          {t('scoring.saveAssessment')}
        </button>
        <Saved show={saved} />
      </div>
      <ApiError error={assess.error} />
    </form>
  );
}

function ImprovementPlan({ exerciseId, report }: { exerciseId: number; report: Report }) {
  const { t } = useTranslation('report');
  const add = useAddImprovement(exerciseId);
  const [recommendation, setRecommendation] = useState('');
  const [cbm, setCbm] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!recommendation.trim()) return;
    add.mutate(
      { recommendation: recommendation.trim(), cbm, owner: owner.trim(), due: due.trim() },
      {
        onSuccess: () => {
          setRecommendation('');
          setCbm('');
          setOwner('');
          setDue('');
        },
      },
    );
  };
  const cbms = [...new Set([...(report.heat_map.cbms ?? []), ...Array.from({ length: 16 }, (_, i) => String(i + 1))])].sort(
    (a, b) => Number(a) - Number(b),
  );
  return (
    <section className="card" aria-labelledby="rp-plan">
      <h2 id="rp-plan">{t('plan.title')}</h2>
      <PlanTable plan={report.improvement_plan ?? []} />
      <form onSubmit={submit} className="rp-plan-form" aria-label={t('plan.add')}>
        <div className="field">
          <label htmlFor="rp-rec">{t('plan.recommendation')}</label>
          <textarea id="rp-rec" rows={2} value={recommendation} onChange={(e) => setRecommendation(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="rp-cbm">{t('plan.cbm')}</label>
          <select id="rp-cbm" value={cbm} onChange={(e) => setCbm(e.target.value)}>
            <option value="">{t('plan.noCbm')}</option>
            {cbms.map((c) => (
              <option key={c} value={c}>
                {t('cbm', { cbm: c })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="rp-owner">{t('plan.owner')}</label>
          <input id="rp-owner" value={owner} onChange={(e) => setOwner(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="rp-due">{t('plan.due')}</label>
          <input id="rp-due" type="date" value={due} onChange={(e) => setDue(e.target.value)} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={add.isPending || !recommendation.trim()}>
            {t('plan.add')}
          </button>
        </div>
        <ApiError error={add.error} />
      </form>
    </section>
  );
}

export function PlanTable({ plan }: { plan: readonly { recommendation: string; cbm: string; owner: string; due: string; by?: string }[] }) {
  const { t } = useTranslation('report');
  if (plan.length === 0) return <p className="muted">{t('plan.empty')}</p>;
  return (
    <div className="table-wrap">
      <table className="compact rp-plan-table">
        <thead>
          <tr>
            <th scope="col">{t('plan.recommendation')}</th>
            <th scope="col">{t('plan.cbm')}</th>
            <th scope="col">{t('plan.owner')}</th>
            <th scope="col">{t('plan.due')}</th>
            <th scope="col">{t('plan.by')}</th>
          </tr>
        </thead>
        <tbody>
          {plan.map((p, i) => (
            <tr key={i}>
              <td>{p.recommendation}</td>
              <td>{p.cbm ? t('cbm', { cbm: p.cbm }) : '—'}</td>
              <td>{p.owner || '—'}</td>
              <td>{p.due || '—'}</td>
              <td>{p.by || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
