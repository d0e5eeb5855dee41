/**
 * Types and react-query hooks for scoring, the after-action report, the event log and
 * the organisers' dashboard (see the /exercises/{id}/scores … /report.csv, /log and
 * /dashboard sections of backend/internal/httpapi/openapi.yaml and
 * backend/internal/scoring/report.go for the exact JSON).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, API_BASE, isApiError, type Schema } from '../api/client';
import type { ExerciseEvent } from '../exercise/stream';
import { readLang } from '../exercise/language';

export type Scale = Schema<'Scale'>;
export type Report = Schema<'Report'>;
export type Language = Schema<'Language'>;
export type ExerciseInfo = Report['exercise'];
export type Objective = ExerciseInfo['objectives'][number];
export type Criterion = ExerciseInfo['criteria'][number];
export type TimelineKind = Schema<'TimelineEntry'>['kind'];
export type TimelineEntry = Schema<'TimelineEntry'>;
export type ReportAnswer = Schema<'ReportAnswer'>;
export type ScoreData = Schema<'Score'>;
export type CriterionScore = Schema<'CriterionScore'>;
export type Metrics = Schema<'Metrics'>;
export type InjectResponse = Metrics['inject_responses'][number];
export type RequestTiming = Metrics['requests_received'][number];
export type ExpectedResult = Metrics['expected_actions'][number];
export type TeamReport = Schema<'TeamReport'>;
export type HeatMap = Schema<'HeatMap'>;
export type ReportNote = NonNullable<Report['notes']>[number];
export type Improvement = Schema<'Improvement'>;

export const reportKeys = {
  report: (id: number, lang?: string) => (lang ? (['exercises', id, 'report', lang] as const) : (['exercises', id, 'report'] as const)),
  log: (id: number) => ['exercises', id, 'log'] as const,
  teamMessages: (id: number, team: number) => ['exercises', id, 'report-messages', team] as const,
  dashboard: (workshop: number | null) => ['dashboard', workshop ?? 'all'] as const,
};

export const reportCsvUrl = (id: number, lang?: string) =>
  `${API_BASE}/exercises/${id}/report.csv${lang ? `?lang=${encodeURIComponent(lang)}` : ''}`;

/** The report printed by the server, as PDF or Word (.docx), in `lang` (absent: the server's choice). */
export const reportFileUrl = (id: number, format: 'pdf' | 'docx', lang?: string) =>
  `${API_BASE}/exercises/${id}/report.${format}${lang ? `?lang=${encodeURIComponent(lang)}` : ''}`;

/** The report, with the scenario's texts in `lang` (absent: the server's choice, the workshop's language). */
export function useReport(id: number, lang?: Language) {
  return useQuery({
    queryKey: reportKeys.report(id, lang),
    queryFn: ({ signal }) =>
      api.get('/exercises/{id}/report', { path: { id }, query: lang ? { lang } : {}, signal }).then((r) => r.report),
    // A 403 (report_not_published, or not allowed) will not change on retry.
    retry: (count, err) => !(isApiError(err) && (err.status === 403 || err.status === 404)) && count < 2,
  });
}

export type ScoreInput = Schema<'ScoreInput'>;

function useReportMutation<V>(id: number, fn: (v: V) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => qc.invalidateQueries({ queryKey: reportKeys.report(id) }),
  });
}

export function useSetScore(id: number) {
  return useReportMutation(id, (s: ScoreInput) => api.put('/exercises/{id}/scores', { path: { id }, body: s }));
}

export function useAssess(id: number) {
  return useReportMutation(id, (a: { team: number; strengths: string; improvements: string }) =>
    api.put('/exercises/{id}/assessments/{team}', {
      path: { id, team: a.team },
      body: { strengths: a.strengths, improvements: a.improvements },
    }),
  );
}

export function useAddImprovement(id: number) {
  return useReportMutation(id, (i: Schema<'ImprovementInput'>) => api.post('/exercises/{id}/improvements', { path: { id }, body: i }));
}

export function usePublish(id: number) {
  return useReportMutation(id, () => api.post('/exercises/{id}/report/publish', { path: { id } }));
}

/** A message as the evidence picker needs it (GET …/messages?team=). */
export type EvidenceMessage = Schema<'Message'>;

export function useTeamMessages(id: number, team: number) {
  return useQuery({
    queryKey: reportKeys.teamMessages(id, team),
    queryFn: ({ signal }) =>
      api.get('/exercises/{id}/messages', { path: { id }, query: { team, limit: 500 }, signal }).then((r) => r.messages),
  });
}

/** Reads the whole event log the caller may see, page by page (up to 500 events each); `lang`: scenario texts in it. */
export async function fetchWholeLog(id: number, signal?: AbortSignal, lang?: Language): Promise<ExerciseEvent[]> {
  const out: ExerciseEvent[] = [];
  let after = 0;
  for (let i = 0; i < 10_000; i++) {
    const page = await api.get('/exercises/{id}/log', { path: { id }, query: lang ? { after, lang } : { after }, signal });
    out.push(...(page.events ?? []));
    if (!page.more || page.next_after <= after) break;
    after = page.next_after;
  }
  return out;
}

export function useWholeLog(id: number) {
  return useQuery({ queryKey: reportKeys.log(id), queryFn: ({ signal, client }) => fetchWholeLog(id, signal, readLang(client).lang) });
}

// ---- Dashboard ----

export type Dashboard = Schema<'Dashboard'>;
export type DashboardExercise = Dashboard['exercises'][number];
export type DashboardCBM = Dashboard['cbms'][number];
export type RankedCBM = Dashboard['most_used'][number];
export type DashboardScenario = Dashboard['scenarios'][number];
export type DashboardWorkshop = Dashboard['workshops'][number];
export type DashboardDelegation = Dashboard['delegations'][number];
export type DashboardFigures = Schema<'DashFigures'>;

const workshopQuery = (workshop: number | null) => (workshop ? `?workshop_id=${workshop}` : '');

export const dashboardCsvUrl = (workshop: number | null) => `${API_BASE}/dashboard.csv${workshopQuery(workshop)}`;

export function useDashboard(workshop: number | null) {
  return useQuery({
    queryKey: reportKeys.dashboard(workshop),
    queryFn: ({ signal }) => api.get('/dashboard', { query: { workshop_id: workshop || undefined }, signal }),
  });
}
