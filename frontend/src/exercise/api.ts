/**
 * Types and react-query hooks for workshops and running exercises
 * (see backend/internal/httpapi/openapi.yaml).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../api/client';
import type { User } from '../api/types';

export type ClockStatus = 'draft' | 'running' | 'paused' | 'ended';

export interface ClockState {
  status: ClockStatus;
  speed: number;
  /** Exercise time (seconds) at `as_of`. */
  offset_seconds: number;
  as_of: string;
}

export interface Workshop {
  id: number;
  title: string;
  host_organisation: string;
  place: string;
  starts_on: string;
  ends_on: string;
  language: string;
  participants: string[];
  facilitator_ids: number[];
  created_at: string;
  updated_at: string;
}

export interface WorkshopInput {
  title: string;
  host_organisation: string;
  place: string;
  starts_on: string;
  ends_on: string;
  language: string;
  participants: string[];
  facilitator_ids: number[];
}

export interface ExerciseSummary {
  id: number;
  workshop_id: number;
  scenario_version_id: number;
  title: string;
  clock: ClockState;
  created_at: string;
}

export interface Team {
  id: number;
  key: string;
  name: string;
  join_code?: string;
  join_path?: string;
}

export interface PhaseInfo {
  key: string;
  title: string;
  clock: string;
  starts_at_seconds: number;
}

export interface Exercise extends ExerciseSummary {
  scenario: {
    id: string;
    version: number;
    title: string;
    summary: string;
    duration_seconds: number;
    phases: PhaseInfo[] | null;
    channels: { key: string; title: string; cbms?: string[] | null; all_teams?: boolean; control?: boolean }[] | null;
  };
  current_phase: string;
  teams: Team[] | null;
  observer_code?: string;
  viewer: { role: 'staff' | 'participant' | 'observer'; team_id?: number; name?: string };
}

export interface ScenarioSummary {
  id: string;
  version: number;
  title: string;
  team_count: number;
  duration_seconds: number;
}

export interface Audience {
  staff?: boolean;
  all?: boolean;
  teams?: number[];
  /** A team's own working material (draft answers): not for observers. */
  internal?: boolean;
}

export type InjectState = 'pending' | 'held' | 'skipped' | 'released' | 'waiting';

export interface InjectRow {
  key: string;
  title: string;
  phase: string;
  channel: string;
  from: string;
  audience: Audience;
  scheduled_seconds: number | null;
  contingency: boolean;
  state: InjectState;
  released_seconds: number | null;
  late: boolean;
  source?: string;
  body: string;
  facilitator_notes?: string;
}

/**
 * An inject as participants and observers get it from `/injects`: released, with its
 * recipients. Only staff get the whole timeline (InjectRow) with states and notes.
 */
export interface ReleasedInject {
  key: string;
  title: string;
  phase?: string;
  channel: string;
  from: string;
  body: string;
  teams: number[] | null;
  all: boolean;
  source: string;
  late: boolean;
  offset_seconds: number;
}

/** Shows a released inject as a row of the timeline, so one table serves staff and observers. */
export function toInjectRow(r: InjectRow | ReleasedInject): InjectRow {
  if ('state' in r) return r;
  return {
    key: r.key,
    title: r.title,
    phase: r.phase ?? '',
    channel: r.channel,
    from: r.from,
    audience: r.all ? { all: true } : { teams: r.teams ?? [] },
    scheduled_seconds: null,
    contingency: false,
    state: 'released',
    released_seconds: r.offset_seconds,
    late: r.late,
    source: r.source,
    body: r.body,
  };
}

export interface TriggerRow {
  key: string;
  title: string;
  condition: { type?: string; [k: string]: unknown } | null;
  release: string[] | null;
  fired: boolean;
  decision: boolean | null;
}

export interface Participant {
  id: number;
  team_id: number | null;
  name: string;
  joined_at: string;
  removed_at: string | null;
  connected: boolean;
}

export interface BriefingTeam {
  team_id: number;
  name: string;
  kind: string;
  briefing: string;
  points_of_contact: { role: string; name: string; channel: string; hours?: string; languages?: string[] }[] | null;
}

export interface Briefing {
  title: string;
  summary: string;
  teams: BriefingTeam[];
}

export interface JoinResponse {
  exercise_id: number;
  csrf_token: string;
  participant: { id: number; name: string; team_id: number | null };
  team?: { id: number; key: string; name: string };
}

// ---- Query keys ----

export const exerciseKeys = {
  workshops: ['workshops'] as const,
  workshop: (id: number) => ['workshops', id] as const,
  exercise: (id: number) => ['exercises', id] as const,
  injects: (id: number) => ['exercises', id, 'injects'] as const,
  triggers: (id: number) => ['exercises', id, 'triggers'] as const,
  participants: (id: number) => ['exercises', id, 'participants'] as const,
  briefing: (id: number) => ['exercises', id, 'briefing'] as const,
};

// ---- Workshops ----

export function useWorkshops() {
  return useQuery({
    queryKey: exerciseKeys.workshops,
    queryFn: ({ signal }) => api.get<{ workshops: Workshop[] }>('/workshops', signal).then((r) => r.workshops),
  });
}

export function useWorkshop(id: number) {
  return useQuery({
    queryKey: exerciseKeys.workshop(id),
    queryFn: ({ signal }) => api.get<{ workshop: Workshop; exercises: ExerciseSummary[] }>(`/workshops/${id}`, signal),
  });
}

export function useCreateWorkshop() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (w: WorkshopInput) => api.post<{ workshop: Workshop }>('/workshops', w).then((r) => r.workshop),
    onSuccess: () => qc.invalidateQueries({ queryKey: exerciseKeys.workshops }),
  });
}

/** Users, for picking facilitators (admins only may list them). */
export function useStaffUsers(enabled: boolean) {
  return useQuery({
    queryKey: ['users'],
    queryFn: ({ signal }) => api.get<{ users: User[] }>('/users', signal).then((r) => r.users),
    enabled,
  });
}

export function useScenarioChoices() {
  return useQuery({
    queryKey: ['exercise', 'scenario-choices'],
    queryFn: ({ signal }) => api.get<{ scenarios: ScenarioSummary[] }>('/scenarios', signal).then((r) => r.scenarios),
  });
}

export function useCreateExercise(workshopId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { scenario_id: string; title: string }) =>
      api.post<{ exercise: Exercise }>('/exercises', { workshop_id: workshopId, ...v }).then((r) => r.exercise),
    onSuccess: () => qc.invalidateQueries({ queryKey: exerciseKeys.workshop(workshopId) }),
  });
}

// ---- Exercises ----

export function useExercise(id: number) {
  return useQuery({
    queryKey: exerciseKeys.exercise(id),
    queryFn: ({ signal }) => api.get<{ exercise: Exercise }>(`/exercises/${id}`, signal).then((r) => r.exercise),
    staleTime: 0,
  });
}

export function useBriefing(id: number) {
  return useQuery({
    queryKey: exerciseKeys.briefing(id),
    queryFn: ({ signal }) => api.get<Briefing>(`/exercises/${id}/briefing`, signal),
  });
}

export function useInjects(id: number) {
  return useQuery({
    queryKey: exerciseKeys.injects(id),
    queryFn: ({ signal }) =>
      api
        .get<{ injects: (InjectRow | ReleasedInject)[] }>(`/exercises/${id}/injects`, signal)
        .then((r) => r.injects.map(toInjectRow)),
  });
}

/** The triggers are staff-only (observers get 403): pass `enabled: false` for them. */
export function useTriggers(id: number, enabled = true) {
  return useQuery({
    queryKey: exerciseKeys.triggers(id),
    queryFn: ({ signal }) => api.get<{ triggers: TriggerRow[] }>(`/exercises/${id}/triggers`, signal).then((r) => r.triggers),
    enabled,
  });
}

/** Who joined is staff-only (observers get 403): pass `enabled: false` for them. */
export function useParticipants(id: number, enabled = true) {
  return useQuery({
    queryKey: exerciseKeys.participants(id),
    queryFn: ({ signal }) =>
      api.get<{ participants: Participant[] }>(`/exercises/${id}/participants`, signal).then((r) => r.participants),
    refetchInterval: 4_000,
    enabled,
  });
}

export type ClockAction =
  | { action: 'start' | 'pause' | 'resume' | 'end' }
  | { action: 'speed'; speed: number }
  | { action: 'jump'; phase: string };

export function useClockAction(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: ClockAction) => {
      const body = a.action === 'speed' ? { speed: a.speed } : a.action === 'jump' ? { phase: a.phase } : undefined;
      return api.post<{ clock: ClockState }>(`/exercises/${id}/${a.action}`, body);
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: exerciseKeys.exercise(id) }),
  });
}

export type InjectAction = 'release' | 'hold' | 'unhold' | 'skip';

export function useInjectAction(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ key, action }: { key: string; action: InjectAction }) =>
      api.post<void>(`/exercises/${id}/injects/${encodeURIComponent(key)}/${action}`),
    onSettled: () => qc.invalidateQueries({ queryKey: exerciseKeys.injects(id) }),
  });
}

export interface AdHocInject {
  title: string;
  body: string;
  channel: string;
  from: string;
  teams: number[];
}

export function useAdHocInject(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: AdHocInject) => api.post<void>(`/exercises/${id}/injects`, a),
    onSuccess: () => qc.invalidateQueries({ queryKey: exerciseKeys.injects(id) }),
  });
}

export function useDecideTrigger(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ key, yes }: { key: string; yes: boolean }) =>
      api.post<void>(`/exercises/${id}/triggers/${encodeURIComponent(key)}/decide`, { yes }),
    onSettled: () => qc.invalidateQueries({ queryKey: exerciseKeys.triggers(id) }),
  });
}

export function useAddNote(id: number) {
  return useMutation({
    mutationFn: (text: string) => api.post<void>(`/exercises/${id}/notes`, { text }),
  });
}

export function usePhaseAction(id: number) {
  return useMutation({
    mutationFn: ({ phase, action }: { phase: string; action: 'close' | 'share' }) =>
      api.post<void>(`/exercises/${id}/phases/${encodeURIComponent(phase)}/${action}`),
  });
}

export function useRemoveParticipant(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (pid: number) => api.delete(`/exercises/${id}/participants/${pid}`),
    onSettled: () => qc.invalidateQueries({ queryKey: exerciseKeys.participants(id) }),
  });
}

export function useRenameTeam(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ team, name }: { team: number; name: string }) =>
      api.patch<{ team: Team }>(`/exercises/${id}/teams/${team}`, { name }),
    onSuccess: () => qc.invalidateQueries({ queryKey: exerciseKeys.exercise(id) }),
  });
}

export function useNewTeamCode(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (team: number) => api.post<{ team: Team }>(`/exercises/${id}/teams/${team}/code`),
    onSuccess: () => qc.invalidateQueries({ queryKey: exerciseKeys.exercise(id) }),
  });
}

export function saveAnswer(id: number, phase: string, question: string, text: string, submit = false) {
  return apiRequest<void>(`/exercises/${id}/answers/${encodeURIComponent(phase)}/${encodeURIComponent(question)}`, {
    method: 'PUT',
    body: submit ? { text, submit: true } : { text },
  });
}

export function joinExercise(code: string, name: string) {
  return api.post<JoinResponse>('/join', { code, name });
}
