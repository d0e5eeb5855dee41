/**
 * Types and react-query hooks for scoring, the after-action report, the event log and
 * the organisers' dashboard (see the /exercises/{id}/scores … /report.csv, /log and
 * /dashboard sections of backend/internal/httpapi/openapi.yaml and
 * backend/internal/scoring/report.go for the exact JSON).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest, API_BASE, isApiError } from '../api/client';
import type { ExerciseEvent } from '../exercise/stream';

export type Scale = 'psmu' | 'numeric';

export interface Objective {
  key: string;
  text: string;
  cbms: string[] | null;
}

export interface Criterion {
  key: string;
  title: string;
  description: string;
  cbms: string[] | null;
  injects: string[] | null;
}

export interface ExerciseInfo {
  id: number;
  title: string;
  scenario: string;
  scenario_version: number;
  summary: string;
  status: 'draft' | 'running' | 'paused' | 'ended';
  started_at: string | null;
  ended_at: string | null;
  played_seconds: number;
  objectives: Objective[] | null;
  scale: Scale | string;
  criteria: Criterion[] | null;
}

export type TimelineKind = 'phase' | 'inject' | 'message' | 'request' | 'clock';

export interface TimelineEntry {
  seq: number;
  at_seconds: number;
  kind: TimelineKind | string;
  title: string;
  /** The team that acted. */
  team_id?: number;
  /** The teams that received. */
  teams?: number[] | null;
  cbms?: string[] | null;
  channel?: string;
  detail?: string;
}

export interface ReportAnswer {
  team_id: number;
  phase: string;
  question: string;
  text: string;
  by: string;
}

export interface ScoreData {
  team_id: number;
  criterion: string;
  value: string;
  comment: string;
  evidence: number[] | null;
  final: boolean;
  by_user: number;
  by: string;
}

export interface CriterionScore {
  criterion: string;
  scores: ScoreData[] | null;
  final: ScoreData | null;
  differ: boolean;
}

export interface InjectResponse {
  inject: string;
  released_at_seconds: number;
  first_action_seconds: number | null;
}

export interface RequestTiming {
  message: number;
  from: number;
  kind: string;
  status: string;
  ack_seconds: number | null;
  answer_seconds: number | null;
}

export interface ExpectedResult {
  inject: string;
  action: string;
  text: string;
  cbms: string[] | null;
  observed: boolean;
  after_seconds: number | null;
  within_seconds: number | null;
  in_time: boolean;
  evidence?: number;
}

export interface Metrics {
  messages_sent: number;
  messages_received: number;
  inject_responses: InjectResponse[] | null;
  requests_sent: number;
  requests_sent_answered: number;
  requests_received: RequestTiming[] | null;
  median_ack_seconds: number | null;
  median_answer_seconds: number | null;
  expected_actions: ExpectedResult[] | null;
  cbm_use: Record<string, number> | null;
  expected_cbms: string[] | null;
  poc_complete: boolean;
  comm_checks: { check: number; ack_seconds: number | null }[] | null;
}

export interface TeamReport {
  team_id: number;
  key: string;
  name: string;
  scorecard: CriterionScore[] | null;
  strengths: string;
  improvements: string;
  metrics: Metrics;
}

export interface HeatMap {
  cbms: string[] | null;
  teams: number[] | null;
  /** cbm → team id → messages. */
  counts: Record<string, Record<string, number>> | null;
  /** cbm → team id → expected by the scenario. */
  expected: Record<string, Record<string, boolean>> | null;
}

export interface ReportNote {
  at_seconds: number;
  text: string;
  by: string;
}

export interface Improvement {
  recommendation: string;
  cbm: string;
  owner: string;
  due: string;
  by?: string;
}

export interface Report {
  exercise: ExerciseInfo;
  published: boolean;
  timeline: TimelineEntry[] | null;
  answers: ReportAnswer[] | null;
  teams: TeamReport[] | null;
  heat_map: HeatMap;
  notes?: ReportNote[] | null;
  improvement_plan: Improvement[] | null;
  definitions: Record<string, string> | null;
}

export const reportKeys = {
  report: (id: number) => ['exercises', id, 'report'] as const,
  log: (id: number) => ['exercises', id, 'log'] as const,
  teamMessages: (id: number, team: number) => ['exercises', id, 'report-messages', team] as const,
  dashboard: (workshop: number | null) => ['dashboard', workshop ?? 'all'] as const,
};

export const reportCsvUrl = (id: number) => `${API_BASE}/exercises/${id}/report.csv`;

export function useReport(id: number) {
  return useQuery({
    queryKey: reportKeys.report(id),
    queryFn: ({ signal }) => api.get<{ report: Report }>(`/exercises/${id}/report`, signal).then((r) => r.report),
    // A 403 (report_not_published, or not allowed) will not change on retry.
    retry: (count, err) => !(isApiError(err) && (err.status === 403 || err.status === 404)) && count < 2,
  });
}

export interface ScoreInput {
  team_id: number;
  criterion: string;
  value: string;
  comment: string;
  evidence: number[];
  final: boolean;
}

function useReportMutation<V>(id: number, fn: (v: V) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => qc.invalidateQueries({ queryKey: reportKeys.report(id) }),
  });
}

export function useSetScore(id: number) {
  return useReportMutation(id, (s: ScoreInput) => apiRequest<void>(`/exercises/${id}/scores`, { method: 'PUT', body: s }));
}

export function useAssess(id: number) {
  return useReportMutation(id, (a: { team: number; strengths: string; improvements: string }) =>
    apiRequest<void>(`/exercises/${id}/assessments/${a.team}`, {
      method: 'PUT',
      body: { strengths: a.strengths, improvements: a.improvements },
    }),
  );
}

export function useAddImprovement(id: number) {
  return useReportMutation(id, (i: Omit<Improvement, 'by'>) => api.post<void>(`/exercises/${id}/improvements`, i));
}

export function usePublish(id: number) {
  return useReportMutation(id, () => api.post<void>(`/exercises/${id}/report/publish`));
}

/** A message as the evidence picker needs it (GET …/messages?team=). */
export interface EvidenceMessage {
  id: number;
  from: number;
  from_name: string;
  to: number[] | null;
  channel: string;
  subject: string;
  kind: string;
  offset_seconds: number;
}

export function useTeamMessages(id: number, team: number) {
  return useQuery({
    queryKey: reportKeys.teamMessages(id, team),
    queryFn: ({ signal }) =>
      api
        .get<{ messages: EvidenceMessage[] | null }>(`/exercises/${id}/messages?team=${team}&limit=500`, signal)
        .then((r) => r.messages ?? []),
  });
}

interface LogPage {
  events: ExerciseEvent[] | null;
  next_after: number;
  more: boolean;
}

/** Reads the whole event log the caller may see, page by page (up to 500 events each). */
export async function fetchWholeLog(id: number, signal?: AbortSignal): Promise<ExerciseEvent[]> {
  const out: ExerciseEvent[] = [];
  let after = 0;
  for (let i = 0; i < 10_000; i++) {
    const page = await api.get<LogPage>(`/exercises/${id}/log?after=${after}`, signal);
    out.push(...(page.events ?? []));
    if (!page.more || page.next_after <= after) break;
    after = page.next_after;
  }
  return out;
}

export function useWholeLog(id: number) {
  return useQuery({ queryKey: reportKeys.log(id), queryFn: ({ signal }) => fetchWholeLog(id, signal) });
}

// ---- Dashboard ----

export interface DashboardExercise {
  id: number;
  title: string;
  workshop_id: number;
  workshop: string;
  scenario: string;
  status: string;
  started_at: string | null;
}

export interface DashboardScore {
  exercise_id: number;
  exercise: string;
  date: string;
  criterion: string;
  criterion_title: string;
  value: string;
}

export interface DashboardState {
  name: string;
  exercises: number;
  messages_sent: number;
  median_ack_seconds: number | null;
  median_answer_seconds: number | null;
  cbm_use: Record<string, number> | null;
  scores: DashboardScore[] | null;
}

export interface Dashboard {
  exercises: DashboardExercise[] | null;
  states: DashboardState[] | null;
  cbms: { cbm: string; uses: number; states_using: number }[] | null;
}

const workshopQuery = (workshop: number | null) => (workshop ? `?workshop_id=${workshop}` : '');

export const dashboardCsvUrl = (workshop: number | null) => `${API_BASE}/dashboard.csv${workshopQuery(workshop)}`;

export function useDashboard(workshop: number | null) {
  return useQuery({
    queryKey: reportKeys.dashboard(workshop),
    queryFn: ({ signal }) => api.get<Dashboard>(`/dashboard${workshopQuery(workshop)}`, signal),
  });
}
