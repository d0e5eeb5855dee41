/**
 * What waits for someone in the console, counted for its tabs: requests no team has
 * answered yet, teams that have not acknowledged the latest communication check, and
 * triggers that wait for the facilitators' decision.
 */
import type { TriggerRow } from '../api';
import type { CommCheck, Message } from '../messages/api';
import { isOpenRequest } from '../messages/model';

export function openRequestCount(messages: readonly Message[]): number {
  return messages.filter(isOpenRequest).length;
}

/** Teams that have not acknowledged the latest check (earlier ones are history). */
export function unacknowledgedCount(checks: readonly CommCheck[]): number {
  const latest = checks.reduce<CommCheck | undefined>((a, c) => (!a || c.id > a.id ? c : a), undefined);
  return (latest?.teams ?? []).filter((tm) => !tm.acknowledged).length;
}

/** Facilitator-decision triggers not yet answered (and not fired some other way). */
export function pendingDecisionCount(triggers: readonly TriggerRow[]): number {
  return triggers.filter((tr) => tr.condition?.type === 'facilitator_decision' && tr.decision === null && !tr.fired).length;
}
