/**
 * The feedback survey, attendance and certificates (GET/PUT /workshops/{id}/survey,
 * …/survey/results, …/attendance, GET/POST /exercises/{id}/survey; see
 * backend/internal/httpapi/openapi.yaml).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API_BASE, api, type Schema } from '../api/client';

export type SurveyQuestion = Schema<'SurveyQuestion'>;
export type SurveyAsked = Schema<'SurveyAsked'>;
export type SurveyAnswers = Schema<'SurveyAnswers'>;
export type SurveySummary = Schema<'SurveySummary'>;
export type SurveyStat = Schema<'SurveyStat'>;
export type AttendanceCounts = Schema<'AttendanceCounts'>;
export type AttendanceList = Schema<'AttendanceList'>;
export type Gender = Schema<'Gender'>;

/** The answers the join form offers, in its order ("" is "nothing given"). */
export const GENDERS = ['woman', 'man', 'another', 'undisclosed'] as const;

const keys = {
  questions: (workshop: number) => ['workshops', workshop, 'survey'] as const,
  results: (workshop: number, exercise?: number, lang?: string) =>
    ['workshops', workshop, 'survey', 'results', exercise ?? 0, lang ?? ''] as const,
  attendance: (workshop: number) => ['workshops', workshop, 'attendance'] as const,
  counts: (workshop: number) => ['workshops', workshop, 'attendance', 'counts'] as const,
  asked: (exercise: number) => ['exercises', exercise, 'survey'] as const,
};

export function useSurveyQuestions(workshop: number) {
  return useQuery({
    queryKey: keys.questions(workshop),
    queryFn: ({ signal }) => api.get('/workshops/{id}/survey', { path: { id: workshop }, signal }).then((r) => r.questions),
  });
}

export function useSaveSurveyQuestions(workshop: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (questions: SurveyQuestion[]) =>
      api.put('/workshops/{id}/survey', { path: { id: workshop }, body: { questions } }).then((r) => r.questions),
    onSuccess: (qs) => {
      qc.setQueryData(keys.questions(workshop), qs);
      void qc.invalidateQueries({ queryKey: ['workshops', workshop, 'survey', 'results'] });
    },
  });
}

/** Counts and medians, for the workshop or one of its exercises, with the question texts in `lang`. */
export function useSurveyResults(workshop: number, exercise?: number, lang?: string, enabled = true) {
  return useQuery({
    queryKey: keys.results(workshop, exercise, lang),
    queryFn: ({ signal }) =>
      api
        .get('/workshops/{id}/survey/results', {
          path: { id: workshop },
          query: { ...(exercise ? { exercise } : {}), ...(lang ? { lang: lang as never } : {}) },
          signal,
        })
        .then((r) => r.summary),
    enabled: enabled && workshop > 0,
  });
}

export const surveyCsvUrl = (workshop: number) => `${API_BASE}/workshops/${workshop}/survey.csv`;
export const attendanceCsvUrl = (workshop: number) => `${API_BASE}/workshops/${workshop}/attendance.csv`;
export const countsCsvUrl = (workshop: number) => `${API_BASE}/workshops/${workshop}/attendance/counts.csv`;
export const certificatesUrl = (workshop: number) => `${API_BASE}/workshops/${workshop}/certificates.pdf`;
export const ownCertificateUrl = (exercise: number) => `${API_BASE}/exercises/${exercise}/certificate.pdf`;

/** The organiser's list of people (403 for other staff: they read the counts). */
export function useAttendance(workshop: number, enabled: boolean) {
  return useQuery({
    queryKey: keys.attendance(workshop),
    queryFn: ({ signal }) => api.get('/workshops/{id}/attendance', { path: { id: workshop }, signal }),
    enabled,
  });
}

export function useAttendanceCounts(workshop: number, enabled: boolean) {
  return useQuery({
    queryKey: keys.counts(workshop),
    queryFn: ({ signal }) => api.get('/workshops/{id}/attendance/counts', { path: { id: workshop }, signal }).then((r) => r.counts),
    enabled,
  });
}

/** The survey as the participant reads it, and whether they still have to answer it. */
export function useAskedSurvey(exercise: number, enabled = true) {
  return useQuery({
    queryKey: keys.asked(exercise),
    queryFn: ({ signal }) => api.get('/exercises/{id}/survey', { path: { id: exercise }, signal }),
    enabled,
  });
}

export function useAnswerSurvey(exercise: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SurveyAnswers) => api.post('/exercises/{id}/survey', { path: { id: exercise }, body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.asked(exercise) }),
  });
}

/** A median as people read it: "3.5", or a dash without answers. */
export function formatMedian(m: number | null | undefined, lang: string): string {
  if (m === null || m === undefined) return '—';
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(m);
}
