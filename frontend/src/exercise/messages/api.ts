/**
 * Team-to-team messages, requests, the points-of-contact directory and communication
 * checks (see the /exercises/{id}/messages…, /poc and /commchecks sections of
 * backend/internal/httpapi/openapi.yaml).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../api/client';
import { upsertMessage } from './fold';

export type RequestKind = '' | 'information' | 'consultation' | 'assistance';
export const REQUEST_KINDS: Exclude<RequestKind, ''>[] = ['information', 'consultation', 'assistance'];
export type RequestStatus = 'open' | 'acknowledged' | 'answered' | 'declined' | 'escalated';
export type RequestAction = 'acknowledge' | 'answer' | 'decline' | 'escalate';

export interface RequestStep {
  status: Exclude<RequestStatus, 'open'>;
  team_id: number;
  by: string;
  note?: string;
  /** Id of the reply that carries the answer. */
  answer?: number;
  at: string;
  offset_seconds: number;
  /** Seconds of exercise time since the request was sent. */
  after_seconds: number;
}

export interface Message {
  id: number;
  /** Team id; 0 is the facilitators' "control" cell. */
  from: number;
  from_name: string;
  to: number[] | null;
  to_control: boolean;
  all: boolean;
  channel: string;
  subject: string;
  body: string;
  cbms: string[] | null;
  kind: RequestKind;
  reply_to?: number;
  sent_at: string;
  offset_seconds: number;
  status?: RequestStatus;
  steps?: RequestStep[] | null;
  corrected_cbms?: string[] | null;
  corrected_by?: string;
}

export interface MessageInput {
  to: number[];
  to_control: boolean;
  all: boolean;
  channel: string;
  subject: string;
  body: string;
  cbms: string[];
  kind: RequestKind;
  reply_to?: number;
}

export interface MessageChannel {
  key: string;
  title: string;
  cbms: string[] | null;
  all_teams: boolean;
  control: boolean;
}

export type PocRole = 'policy' | 'technical';

export interface PocEntry {
  role: PocRole;
  name: string;
  channel: string;
  hours: string;
  languages: string[] | null;
}

export interface PocDirectoryRow {
  team_id: number;
  team: string;
  entries: PocEntry[] | null;
  updated_by: string;
  complete: boolean;
}

export interface CommCheckTeam {
  team_id: number;
  team: string;
  acknowledged: boolean;
  by?: string;
  at?: string;
  after_seconds?: number;
  after_wall_seconds?: number;
}

export interface CommCheck {
  id: number;
  text: string;
  sent_at: string;
  offset_seconds?: number;
  teams: CommCheckTeam[] | null;
}

export const messageKeys = {
  messages: (id: number) => ['exercises', id, 'messages'] as const,
  poc: (id: number) => ['exercises', id, 'poc'] as const,
  commchecks: (id: number) => ['exercises', id, 'commchecks'] as const,
};

/** Every message the caller may see (newest first), up to 500 per page, all pages. */
export async function fetchAllMessages(id: number, signal?: AbortSignal): Promise<Message[]> {
  const out: Message[] = [];
  let before = 0;
  for (let page = 0; page < 40; page++) {
    const q = before ? `?limit=500&before=${before}` : '?limit=500';
    const r = await api.get<{ messages: Message[] | null; next_before: number }>(`/exercises/${id}/messages${q}`, signal);
    out.push(...(r.messages ?? []));
    if (!r.next_before || !r.messages?.length) break;
    before = r.next_before;
  }
  return out;
}

/**
 * The messages, loaded once: the stream keeps them current afterwards (useMessagingSync
 * folds each message.sent, request.updated and message.retagged in), so they never go
 * stale and are not fetched again.
 */
export function useMessages(id: number) {
  return useQuery({
    queryKey: messageKeys.messages(id),
    queryFn: ({ signal }) => fetchAllMessages(id, signal),
    staleTime: Infinity,
  });
}

/** Sends a message; the answer goes straight into the list (the stream brings it to the others). */
export function useSendMessage(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (m: MessageInput) => api.post<{ message: Message }>(`/exercises/${id}/messages`, m).then((r) => r.message),
    onSuccess: (m) => qc.setQueryData<Message[]>(messageKeys.messages(id), (list) => upsertMessage(list, m)),
  });
}

export function useRequestAction(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ msg, action, text }: { msg: number; action: RequestAction; text: string }) =>
      api.post<{ message: Message }>(`/exercises/${id}/messages/${msg}/${action}`, { text }).then((r) => r.message),
    onSuccess: (m) => qc.setQueryData<Message[]>(messageKeys.messages(id), (list) => upsertMessage(list, m)),
  });
}

/** Corrects a message's CBM tags; the message.retagged event carries the change to every console. */
export function useRetag(id: number) {
  return useMutation({
    mutationFn: ({ msg, cbms }: { msg: number; cbms: string[] }) =>
      apiRequest<void>(`/exercises/${id}/messages/${msg}/tags`, { method: 'PUT', body: { cbms } }),
  });
}

/** The points-of-contact directory, loaded once and kept current by the poc.updated events. */
export function usePocDirectory(id: number) {
  return useQuery({
    queryKey: messageKeys.poc(id),
    queryFn: ({ signal }) =>
      api.get<{ directory: PocDirectoryRow[] | null }>(`/exercises/${id}/poc`, signal).then((r) => r.directory ?? []),
    staleTime: Infinity,
  });
}

/** Saves the team's points of contact; the poc.updated event carries them to every page. */
export function useSavePoc(id: number) {
  return useMutation({
    mutationFn: (entries: PocEntry[]) => apiRequest<void>(`/exercises/${id}/poc`, { method: 'PUT', body: { entries } }),
  });
}

export function useCommChecks(id: number) {
  return useQuery({
    queryKey: messageKeys.commchecks(id),
    queryFn: ({ signal }) =>
      api.get<{ checks: CommCheck[] | null }>(`/exercises/${id}/commchecks`, signal).then((r) => r.checks ?? []),
  });
}

export function useSendCommCheck(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => api.post<{ id: number }>(`/exercises/${id}/commchecks`, { text }),
    onSettled: () => qc.invalidateQueries({ queryKey: messageKeys.commchecks(id) }),
  });
}

export function useAckCommCheck(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (check: number) => api.post<void>(`/exercises/${id}/commchecks/${check}/ack`),
    onSettled: () => qc.invalidateQueries({ queryKey: messageKeys.commchecks(id) }),
  });
}
