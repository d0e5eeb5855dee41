import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Role, User } from './types';

export const USERS_QUERY_KEY = ['users'] as const;

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
}

export type UserPatch = Partial<{ name: string; role: Role; password: string; disabled: boolean }>;

export function useUsers(enabled = true) {
  return useQuery({
    queryKey: USERS_QUERY_KEY,
    queryFn: ({ signal }) => api.get<{ users: User[] }>('/users', signal).then((r) => r.users),
    enabled,
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (u: NewUser) => api.post<{ user: User }>('/users', u).then((r) => r.user),
    onSuccess: () => qc.invalidateQueries({ queryKey: USERS_QUERY_KEY }),
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: UserPatch }) =>
      api.patch<{ user: User }>(`/users/${id}`, patch).then((r) => r.user),
    onSuccess: () => qc.invalidateQueries({ queryKey: USERS_QUERY_KEY }),
  });
}

export function useDeleteUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/users/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: USERS_QUERY_KEY }),
  });
}
