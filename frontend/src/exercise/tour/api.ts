/**
 * The tour de table: the plenary round closing a stage (see the /exercises/{id}/tours and
 * /phases/{phase}/tour… sections of backend/internal/httpapi/openapi.yaml).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Schema } from '../../api/client';

export type Tour = Schema<'Tour'>;
export type Statement = Schema<'Statement'>;
export type TourList = Schema<'TourList'>;

export const tourKeys = {
  tours: (id: number) => ['exercises', id, 'tours'] as const,
};

/** The tours, the statements the caller may read and how far our clock is from the server's. */
export function useTours(id: number) {
  return useQuery({
    queryKey: tourKeys.tours(id),
    queryFn: async ({ signal }) => {
      const r = await api.get('/exercises/{id}/tours', { path: { id }, signal });
      return { ...r, skewMs: skewOf(r.now) };
    },
  });
}

/** Server time minus ours (ms); 0 when the server's time cannot be read. */
function skewOf(now: string): number {
  const ms = Date.parse(now) - Date.now();
  return Number.isFinite(ms) ? ms : 0;
}

function useTourWrite<T>(id: number, write: (arg: T) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSettled: () => qc.invalidateQueries({ queryKey: tourKeys.tours(id) }),
  });
}

export function useOpenTour(id: number, phase: string) {
  return useTourWrite(id, (body: { order: number[]; seconds: number }) =>
    api.post('/exercises/{id}/phases/{phase}/tour', { path: { id, phase }, body }),
  );
}

export function useNextSpeaker(id: number, phase: string) {
  return useTourWrite(id, () => api.post('/exercises/{id}/phases/{phase}/tour/next', { path: { id, phase } }));
}

export function useCloseTour(id: number, phase: string) {
  return useTourWrite(id, () => api.post('/exercises/{id}/phases/{phase}/tour/close', { path: { id, phase } }));
}

export function useSaveStatement(id: number, phase: string) {
  return useTourWrite(id, (text: string) =>
    api.put('/exercises/{id}/phases/{phase}/statement', { path: { id, phase }, body: { text } }),
  );
}
