/**
 * The contact check before play (GET/POST /workshops/{id}/contacts, GET/PUT
 * /contact-check/{code}; see backend/internal/httpapi/openapi.yaml).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Schema } from '../api/client';

export type ContactEntry = Schema<'ContactEntry'>;
export type ContactPage = Schema<'ContactPage'>;
export type ContactConfirmation = Schema<'ContactConfirmation'>;

const keys = {
  list: (workshop: number) => ['workshops', workshop, 'contacts'] as const,
  page: (code: string) => ['contact-check', code] as const,
};

export function useContactChecks(workshop: number) {
  return useQuery({
    queryKey: keys.list(workshop),
    queryFn: ({ signal }) => api.get('/workshops/{id}/contacts', { path: { id: workshop }, signal }).then((r) => r.contacts),
  });
}

export function useAddContactCheck(workshop: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (delegation: string) =>
      api.post('/workshops/{id}/contacts', { path: { id: workshop }, body: { delegation } }).then((r) => r.contact),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.list(workshop) }),
  });
}

export function useContactPage(code: string) {
  return useQuery({
    queryKey: keys.page(code),
    queryFn: ({ signal }) => api.get('/contact-check/{code}', { path: { code }, signal }),
    retry: false,
  });
}

export function useConfirmContacts(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ContactConfirmation) => api.put('/contact-check/{code}', { path: { code }, body }),
    onSuccess: (page) => qc.setQueryData(keys.page(code), page),
  });
}
