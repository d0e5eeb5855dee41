/**
 * Types and react-query hooks for workshops and running exercises
 * (see backend/internal/httpapi/openapi.yaml).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Answer, type Schema } from '../api/client';
import { readLang, type Language } from './language';

export type ClockStatus = Schema<'ClockStatus'>;
export type ClockState = Schema<'Clock'>;
export type Workshop = Schema<'Workshop'>;
export type WorkshopInput = Schema<'WorkshopInput'>;
export type ExerciseSummary = Schema<'ExerciseSummary'>;
export type Team = Schema<'ExerciseTeam'>;
export type PhaseInfo = Schema<'ExercisePhase'>;
export type Exercise = Schema<'Exercise'>;
export type ScenarioSummary = Schema<'ScenarioVersion'>;
export type Audience = Schema<'Audience'>;
export type InjectState = Schema<'InjectState'>;
export type InjectRow = Schema<'InjectRow'>;

/**
 * An inject as participants and observers get it from `/injects`: released, with its
 * recipients. Only staff get the whole timeline (InjectRow) with states and notes.
 */
export type ReleasedInject = Schema<'ReleasedInject'>;

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
    ...(r.by ? { released_by: r.by } : {}),
    body: r.body,
    ...(r.lang ? { lang: r.lang } : {}),
    ...(r.fallback?.length ? { fallback: r.fallback } : {}),
  };
}

export type TriggerRow = Schema<'TriggerRow'>;
export type Participant = Schema<'Participant'>;
export type Briefing = Schema<'Briefing'>;
export type BriefingTeam = Briefing['teams'][number];
export type JoinResponse = Schema<'JoinResult'>;

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
    queryFn: ({ signal }) => api.get('/workshops', { signal }).then((r) => r.workshops),
  });
}

export function useWorkshop(id: number) {
  return useQuery({
    queryKey: exerciseKeys.workshop(id),
    queryFn: ({ signal }) => api.get('/workshops/{id}', { path: { id }, signal }),
  });
}

export function useCreateWorkshop() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (w: WorkshopInput) => api.post('/workshops', { body: w }).then((r) => r.workshop),
    onSuccess: () => qc.invalidateQueries({ queryKey: exerciseKeys.workshops }),
  });
}

/** Users, for picking facilitators (admins only may list them). */
export function useStaffUsers(enabled: boolean) {
  return useQuery({
    queryKey: ['users'],
    queryFn: ({ signal }) => api.get('/users', { signal }).then((r) => r.users),
    enabled,
  });
}

export function useScenarioChoices() {
  return useQuery({
    queryKey: ['exercise', 'scenario-choices'],
    queryFn: ({ signal }) => api.get('/scenarios', { signal }).then((r) => r.scenarios),
  });
}

export function useCreateExercise(workshopId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { scenario_id: string; title: string }) =>
      api.post('/exercises', { body: { workshop_id: workshopId, ...v } }).then((r) => r.exercise),
    onSuccess: () => qc.invalidateQueries({ queryKey: exerciseKeys.workshop(workshopId) }),
  });
}

// ---- Exercises ----

export function useExercise(id: number) {
  return useQuery({
    queryKey: exerciseKeys.exercise(id),
    queryFn: ({ signal, client }) =>
      api.get('/exercises/{id}', { path: { id }, query: readLang(client), signal }).then((r) => r.exercise),
    staleTime: 0,
  });
}

/**
 * The CBM tags each request kind suggests (the server's table), from the exercise the
 * page has already loaded: a composer opening does not fetch the exercise again.
 */
export function useRequestKinds(id: number) {
  return useQuery({
    queryKey: exerciseKeys.exercise(id),
    queryFn: ({ signal, client }) =>
      api.get('/exercises/{id}', { path: { id }, query: readLang(client), signal }).then((r) => r.exercise),
    staleTime: Infinity,
    select: (ex) => ex.scenario.request_kinds ?? [],
  }).data ?? NO_KINDS;
}

const NO_KINDS: Schema<'RequestKindTags'>[] = [];

export function useBriefing(id: number) {
  return useQuery({
    queryKey: exerciseKeys.briefing(id),
    queryFn: ({ signal, client }) => api.get('/exercises/{id}/briefing', { path: { id }, query: readLang(client), signal }),
  });
}

export function useInjects(id: number) {
  return useQuery({
    queryKey: exerciseKeys.injects(id),
    queryFn: ({ signal, client }) =>
      api
        .get('/exercises/{id}/injects', { path: { id }, query: readLang(client), signal })
        .then((r) => r.injects.map(toInjectRow)),
  });
}

/** The triggers are staff-only (observers get 403): pass `enabled: false` for them. */
export function useTriggers(id: number, enabled = true) {
  return useQuery({
    queryKey: exerciseKeys.triggers(id),
    queryFn: ({ signal }) => api.get('/exercises/{id}/triggers', { path: { id }, signal }).then((r) => r.triggers),
    enabled,
  });
}

/** Who joined is staff-only (observers get 403): pass `enabled: false` for them. */
export function useParticipants(id: number, enabled = true) {
  return useQuery({
    queryKey: exerciseKeys.participants(id),
    queryFn: ({ signal }) =>
      api.get('/exercises/{id}/participants', { path: { id }, signal }).then((r) => r.participants),
    refetchInterval: 4_000,
    enabled,
  });
}

export type ClockAction =
  | { action: 'start' | 'pause' | 'resume' | 'end' }
  | { action: 'speed'; speed: number }
  | { action: 'jump'; phase: string; overtaken?: Overtaken };

/** What a jump to a phase does with the injects it passes over. */
export type Overtaken = 'release' | 'skip';

export function useClockAction(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: ClockAction): Promise<Answer<'/exercises/{id}/start', 'post'>> => {
      const path = { id };
      if (a.action === 'speed') return api.post('/exercises/{id}/speed', { path, body: { speed: a.speed } });
      if (a.action === 'jump')
        return api.post('/exercises/{id}/jump', { path, body: { phase: a.phase, overtaken: a.overtaken ?? 'release' } });
      return api.post(`/exercises/{id}/${a.action}`, { path });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: exerciseKeys.exercise(id) }),
  });
}

export type InjectAction = 'release' | 'hold' | 'unhold' | 'skip';

export function useInjectAction(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ key, action }: { key: string; action: InjectAction }) =>
      api.post(`/exercises/{id}/injects/{key}/${action}`, { path: { id, key } }),
    onSettled: () => qc.invalidateQueries({ queryKey: exerciseKeys.injects(id) }),
  });
}

export type AdHocInject = Schema<'AdHocInject'>;

export function useAdHocInject(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: AdHocInject) => api.post('/exercises/{id}/injects', { path: { id }, body: a }),
    onSuccess: () => qc.invalidateQueries({ queryKey: exerciseKeys.injects(id) }),
  });
}

export function useDecideTrigger(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ key, yes }: { key: string; yes: boolean }) =>
      api.post('/exercises/{id}/triggers/{key}/decide', { path: { id, key }, body: { yes } }),
    onSettled: () => qc.invalidateQueries({ queryKey: exerciseKeys.triggers(id) }),
  });
}

export function useAddNote(id: number) {
  return useMutation({
    mutationFn: (text: string) => api.post('/exercises/{id}/notes', { path: { id }, body: { text } }),
  });
}

export function usePhaseAction(id: number) {
  return useMutation({
    mutationFn: ({ phase, action }: { phase: string; action: 'close' | 'share' }) =>
      api.post(`/exercises/{id}/phases/{phase}/${action}`, { path: { id, phase } }),
  });
}

export function useRemoveParticipant(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (pid: number) => api.delete('/exercises/{id}/participants/{pid}', { path: { id, pid } }),
    onSettled: () => qc.invalidateQueries({ queryKey: exerciseKeys.participants(id) }),
  });
}

export function useRenameTeam(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ team, name }: { team: number; name: string }) =>
      api.patch('/exercises/{id}/teams/{team}', { path: { id, team }, body: { name } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: exerciseKeys.exercise(id) }),
  });
}

export function useNewTeamCode(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (team: number) => api.post('/exercises/{id}/teams/{team}/code', { path: { id, team } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: exerciseKeys.exercise(id) }),
  });
}

export function saveAnswer(id: number, phase: string, question: string, text: string, submit = false) {
  return api.put('/exercises/{id}/answers/{phase}/{question}', {
    path: { id, phase, question },
    body: submit ? { text, submit: true } : { text },
  });
}

export function joinExercise(
  code: string,
  name: string,
  language?: Language,
  details?: Omit<Schema<'JoinInput'>, 'code' | 'name' | 'language'>,
) {
  // Attendance details left empty are not sent: the join stays as it was without them.
  const given = Object.fromEntries(Object.entries(details ?? {}).filter(([, v]) => v));
  return api.post('/join', { body: { ...given, ...(language ? { code, name, language } : { code, name }) } });
}

/** Stores the language a participant or observer reads the exercise in (their next reads and streams use it). */
export function setReadingLanguage(id: number, language: Language) {
  return api.put('/exercises/{id}/language', { path: { id }, body: { language } });
}

export type InjectTexts = Schema<'InjectTexts'>;

/** An inject in its source language and every translation (staff), fetched once `enabled`. */
export function useInjectTexts(id: number, key: string, enabled: boolean) {
  return useQuery({
    queryKey: ['exercises', id, 'inject-texts', key],
    queryFn: ({ signal }) => api.get('/exercises/{id}/injects/{key}/texts', { path: { id, key }, signal }),
    enabled,
  });
}
