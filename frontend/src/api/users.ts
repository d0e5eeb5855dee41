import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Schema } from './client';

export const USERS_QUERY_KEY = ['users'] as const;

export type NewUser = Schema<'NewUser'>;

export type UserPatch = Schema<'UserPatch'>;

export function useUsers(enabled = true) {
  return useQuery({
    queryKey: USERS_QUERY_KEY,
    queryFn: ({ signal }) => api.get('/users', { signal }).then((r) => r.users),
    enabled,
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (u: NewUser) => api.post('/users', { body: u }).then((r) => r.user),
    onSuccess: () => qc.invalidateQueries({ queryKey: USERS_QUERY_KEY }),
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: UserPatch }) =>
      api.patch('/users/{id}', { path: { id }, body: patch }).then((r) => r.user),
    onSuccess: () => qc.invalidateQueries({ queryKey: USERS_QUERY_KEY }),
  });
}

export function useDeleteUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete('/users/{id}', { path: { id } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: USERS_QUERY_KEY }),
  });
}
