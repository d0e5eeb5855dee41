/**
 * What a viewer knows about a running exercise, rebuilt from the events of its stream
 * (a reload replays them from the start).
 */
import type { ClockStatus } from './api';
import type { ClockReading } from './clock';
import type { ExerciseEvent } from './stream';

export interface Question {
  key: string;
  text: string;
}

export interface StartedPhase {
  key: string;
  title: string;
  clock: string;
  situation: string;
  questions: Question[];
  seq: number;
  /** The language the texts are in, and those shown in the source language (see language.ts). */
  lang: string;
  fallback: string[];
}

export interface ReleasedInject {
  seq: number;
  key: string;
  title: string;
  channel: string;
  from: string;
  /** The simulated actor the inject comes from; the inbox threads it with the team's messages to that actor. */
  fromActor?: string;
  body: string;
  teams: number[];
  all: boolean;
  source: string;
  late: boolean;
  offsetSeconds: number;
  at: string;
  lang: string;
  fallback: string[];
}

export interface Answer {
  teamId: number;
  phase: string;
  question: string;
  text: string;
  by: string;
  submitted: boolean;
  seq: number;
}

export interface Note {
  seq: number;
  text: string;
  by: string;
  at: string;
  offsetSeconds: number;
}

export interface Projection {
  clock: ClockReading | null;
  phases: StartedPhase[];
  currentPhase: string | null;
  closedPhases: Set<string>;
  sharedPhases: Set<string>;
  /** Newest first. */
  injects: ReleasedInject[];
  answers: Map<string, Answer>;
  notes: Note[];
  teamNames: Map<number, string>;
  /** The facilitators published the after-action report. */
  reportPublished: boolean;
}

export const answerKey = (teamId: number, phase: string, question: string) => `${teamId}|${phase}|${question}`;

const str = (v: unknown, d = ''): string => (typeof v === 'string' ? v : d);
const num = (v: unknown, d = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);
const bool = (v: unknown): boolean => v === true;
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function putAnswer(answers: Map<string, Answer>, d: Record<string, unknown>, seq: number, submitted?: boolean) {
  const teamId = num(d.team_id);
  const phase = str(d.phase);
  const question = str(d.question);
  const k = answerKey(teamId, phase, question);
  const prev = answers.get(k);
  answers.set(k, {
    teamId,
    phase,
    question,
    text: str(d.text),
    by: str(d.by),
    submitted: submitted ?? prev?.submitted ?? false,
    seq,
  });
}

export function project(events: readonly ExerciseEvent[]): Projection {
  const p: Projection = {
    clock: null,
    phases: [],
    currentPhase: null,
    closedPhases: new Set(),
    sharedPhases: new Set(),
    injects: [],
    answers: new Map(),
    notes: [],
    teamNames: new Map(),
    reportPublished: false,
  };
  for (const e of events) {
    const d = e.data;
    switch (e.type) {
      case 'exercise.clock':
        p.clock = {
          status: str(d.status, 'draft') as ClockStatus,
          speed: num(d.speed, 1),
          offsetSeconds: num(d.offset_seconds, e.offset_seconds),
          asOfMs: Date.parse(e.at) || 0,
        };
        break;
      case 'phase.started': {
        const key = str(d.key);
        const questions = Array.isArray(d.questions)
          ? (d.questions as Record<string, unknown>[]).map((q) => ({ key: str(q.key), text: str(q.text) }))
          : [];
        p.phases = p.phases.filter((ph) => ph.key !== key);
        p.phases.push({
          key,
          title: str(d.title),
          clock: str(d.clock),
          situation: str(d.situation),
          questions,
          seq: e.seq,
          lang: str(d.lang),
          fallback: strings(d.fallback),
        });
        p.currentPhase = key;
        break;
      }
      case 'phase.closed':
        p.closedPhases.add(str(d.key));
        break;
      case 'inject.released':
        p.injects.unshift({
          seq: e.seq,
          key: str(d.key),
          title: str(d.title),
          channel: str(d.channel),
          from: str(d.from),
          ...(str(d.from_actor) ? { fromActor: str(d.from_actor) } : {}),
          body: str(d.body),
          teams: Array.isArray(d.teams) ? (d.teams as number[]) : [],
          all: bool(d.all),
          source: str(d.source),
          late: bool(d.late),
          offsetSeconds: num(d.offset_seconds, e.offset_seconds),
          at: e.at,
          lang: str(d.lang),
          fallback: strings(d.fallback),
        });
        break;
      case 'answer.updated':
        putAnswer(p.answers, d, e.seq);
        break;
      case 'answer.submitted':
        putAnswer(p.answers, d, e.seq, true);
        break;
      case 'answers.shared': {
        const phase = str(d.phase);
        p.sharedPhases.add(phase);
        if (Array.isArray(d.answers)) {
          for (const a of d.answers as Record<string, unknown>[]) {
            const k = answerKey(num(a.team_id), str(a.phase, phase), str(a.question));
            const prev = p.answers.get(k);
            if (!prev || prev.seq < e.seq) putAnswer(p.answers, { phase, ...a }, e.seq, prev?.submitted);
          }
        }
        break;
      }
      case 'note.added':
        p.notes.unshift({ seq: e.seq, text: str(d.text), by: str(d.by), at: e.at, offsetSeconds: e.offset_seconds });
        break;
      case 'team.renamed':
        p.teamNames.set(num(d.team_id), str(d.name));
        break;
      case 'report.published':
        p.reportPublished = true;
        break;
      default:
        break;
    }
  }
  return p;
}
