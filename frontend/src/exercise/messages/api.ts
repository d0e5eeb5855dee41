/**
 * Team-to-team messages, requests, the points-of-contact directory and communication
 * checks (see the /exercises/{id}/messages…, /poc and /commchecks sections of
 * backend/internal/httpapi/openapi.yaml).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Schema } from '../../api/client';
import { outboxFor } from '../outbox/outbox';
import { upsertMessage } from './fold';

export type RequestKind = Schema<'RequestKind'>;
export const REQUEST_KINDS: Exclude<RequestKind, ''>[] = ['information', 'consultation', 'assistance'];
export type RequestStatus = Schema<'RequestStatus'>;
export type RequestAction = 'acknowledge' | 'answer' | 'decline' | 'escalate';
export type RequestStep = Schema<'RequestStep'>;
export type Message = Schema<'Message'>;
export type MessageInput = Schema<'MessageInput'>;
export type MessageChannel = Schema<'Channel'>;
export type PocRole = Schema<'PocEntry'>['role'];
export type PocEntry = Schema<'PocEntry'>;
export type PocDirectoryRow = Schema<'PocDirectoryRow'>;
export type CommCheckTeam = Schema<'CommCheckTeam'>;
export type CommCheck = Schema<'CommCheck'>;

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
    const r = await api.get('/exercises/{id}/messages', { path: { id }, query: { limit: 500, before: before || undefined }, signal });
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

/**
 * Sends a message; the answer goes straight into the list (the stream brings it to the
 * others). Through the room's `outbox`, a send the network loses answers null: it is
 * kept and sent later by itself.
 */
export function useSendMessage(id: number, outbox = false) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (m: MessageInput): Promise<Message | null> =>
      outbox
        ? outboxFor(id)
            .submit({ kind: 'message', method: 'POST', path: `/exercises/${id}/messages`, body: m, label: m.subject })
            .then((r) => (r.delivered ? (r.result as { message: Message }).message : null))
        : api.post('/exercises/{id}/messages', { path: { id }, body: m }).then((r) => r.message),
    onSuccess: (m) => {
      if (m) qc.setQueryData<Message[]>(messageKeys.messages(id), (list) => upsertMessage(list, m));
    },
  });
}

/** A step on a request (acknowledge, answer, …); through the `outbox` as useSendMessage. */
export function useRequestAction(id: number, outbox = false) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ msg, action, text, label }: { msg: number; action: RequestAction; text: string; label?: string }): Promise<Message | null> =>
      outbox
        ? outboxFor(id)
            .submit({
              kind: 'step',
              method: 'POST',
              path: `/exercises/${id}/messages/${msg}/${action}`,
              body: { text },
              label: label ?? '',
            })
            .then((r) => (r.delivered ? (r.result as { message: Message }).message : null))
        : api.post(`/exercises/{id}/messages/{msg}/${action}`, { path: { id, msg }, body: { text } }).then((r) => r.message),
    onSuccess: (m) => {
      if (m) qc.setQueryData<Message[]>(messageKeys.messages(id), (list) => upsertMessage(list, m));
    },
  });
}

/** Corrects a message's CBM tags; the message.retagged event carries the change to every console. */
export function useRetag(id: number) {
  return useMutation({
    mutationFn: ({ msg, cbms }: { msg: number; cbms: string[] }) =>
      api.put('/exercises/{id}/messages/{msg}/tags', { path: { id, msg }, body: { cbms } }),
  });
}

/** The points-of-contact directory, loaded once and kept current by the poc.updated events. */
export function usePocDirectory(id: number) {
  return useQuery({
    queryKey: messageKeys.poc(id),
    queryFn: ({ signal }) =>
      api.get('/exercises/{id}/poc', { path: { id }, signal }).then((r) => r.directory ?? []),
    staleTime: Infinity,
  });
}

/** Saves the team's points of contact; the poc.updated event carries them to every page. */
export function useSavePoc(id: number) {
  return useMutation({
    mutationFn: (entries: Schema<'PocInputEntry'>[]) =>
      outboxFor(id).submit({ kind: 'poc', method: 'PUT', path: `/exercises/${id}/poc`, body: { entries }, label: '', slot: 'poc' }),
  });
}

export function useCommChecks(id: number) {
  return useQuery({
    queryKey: messageKeys.commchecks(id),
    queryFn: ({ signal }) =>
      api.get('/exercises/{id}/commchecks', { path: { id }, signal }).then((r) => r.checks),
  });
}

export function useSendCommCheck(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => api.post('/exercises/{id}/commchecks', { path: { id }, body: { text } }),
    onSettled: () => qc.invalidateQueries({ queryKey: messageKeys.commchecks(id) }),
  });
}

export function useAckCommCheck(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (check: number) =>
      outboxFor(id).submit({ kind: 'ack', method: 'POST', path: `/exercises/${id}/commchecks/${check}/ack`, label: '' }),
    onSettled: () => qc.invalidateQueries({ queryKey: messageKeys.commchecks(id) }),
  });
}
