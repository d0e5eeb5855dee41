/**
 * Changing a workshop (admins): its staff and their duties, and attributed results
 * (PATCH /workshops/{id}; see backend/internal/httpapi/openapi.yaml).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { exerciseKeys, type Workshop, type WorkshopInput } from '../exercise/api';

export type StaffMember = Workshop['staff'][number];
export type StaffDuty = StaffMember['duty'];
export const DUTIES: readonly StaffDuty[] = ['lead', 'controller', 'evaluator'];

export function useUpdateWorkshop(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: WorkshopInput) => api.patch('/workshops/{id}', { path: { id }, body: patch }).then((r) => r.workshop),
    onSuccess: () => qc.invalidateQueries({ queryKey: exerciseKeys.workshops }),
  });
}
