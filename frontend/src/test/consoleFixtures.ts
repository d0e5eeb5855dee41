import type { InjectRow, TriggerRow } from '../exercise/api';

/** An inject row as GET /injects answers it to staff; `over` sets what a test cares about. */
export const injectRow = (key: string, over: Partial<InjectRow> = {}): InjectRow => ({
  key,
  title: key,
  phase: 'p1',
  channel: 'news',
  from: 'Desk',
  audience: { all: true },
  scheduled_seconds: 60,
  contingency: false,
  state: 'pending',
  released_seconds: null,
  late: false,
  body: '',
  ...over,
});

const decisionCondition: TriggerRow['condition'] = {
  type: 'facilitator_decision',
  from: '',
  to: '',
  cbm: '',
  channel: '',
  kind: '',
  deadline_at_seconds: null,
  deadline_after: null,
  prompt: 'Ask the minister?',
};

/** A facilitator-decision trigger row, not yet fired. */
export const triggerRow = (key: string, over: Partial<TriggerRow> = {}): TriggerRow => ({
  key,
  title: key,
  condition: decisionCondition,
  release: ['b'],
  fired: false,
  decision: null,
  ...over,
});
