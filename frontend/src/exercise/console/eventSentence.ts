import { formatSpeed } from '../clock';
import type { ExerciseEvent } from '../stream';

/** What a sentence about an event needs to name things as people know them, never by key. */
export interface SentenceContext {
  team: (id: number) => string;
  inject: (key: string) => string | undefined;
  phase: (key: string) => string | undefined;
  trigger: (key: string) => string | undefined;
  question: (phase: string, key: string) => string | undefined;
  message: (seq: number) => { from: number; subject: string } | undefined;
  /** A simulated actor's name in the UI language, by its key. */
  actor: (key: string) => string | undefined;
}

type T = (key: string, options?: Record<string, unknown>) => string;

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const num = (v: unknown) => (typeof v === 'number' ? v : Number(v) || 0);
const ids = (v: unknown) => (Array.isArray(v) ? v.map(num) : []);

/** Release sources whose sentence names a person. */
const NAMED_SOURCES = new Set(['manual', 'adhoc', 'jump']);

/** The sentence key of an event type: the translations hold one sentence per type. */
export const sentenceKey = (type: string) => `log.say.${type}`;

/**
 * One sentence in the UI language about an event for the live log: who did what to what
 * ("Esterra acknowledged the communication check"), with injects, phases, triggers and
 * questions named by their titles. Types without a sentence of their own fall back to
 * their name in the catalogue.
 */
export function describeEvent(e: ExerciseEvent, c: SentenceContext, t: T): string {
  const d = e.data;
  const by = str(d.by);
  const team = c.team(num(d.team_id));
  // A type the translations have no sentence for yet still reads as its name.
  const name = t(`exercise:log.types.${e.type}`, { defaultValue: e.type });
  const say = (suffix: string, o: Record<string, unknown> = {}) => t(`${sentenceKey(e.type)}${suffix}`, { by, team, defaultValue: name, ...o });
  const titled = (key: string, lookup: (k: string) => string | undefined) => lookup(key) ?? key;
  switch (e.type) {
    case 'exercise.clock': {
      const action = str(d.action);
      return t(`exercise:log.say.exercise.clock.${action}`, {
        speed: formatSpeed(num(d.speed) || 1),
        phase: titled(str(d.phase), c.phase),
        defaultValue: t('exercise:log.types.exercise.clock'),
      });
    }
    case 'phase.started':
    case 'phase.closed':
    case 'answers.shared':
    case 'tour.opened':
    case 'tour.closed':
    case 'statement.updated':
      return say('', { title: str(d.title) || titled(str(d.key || d.phase), c.phase) });
    case 'inject.released': {
      const source = str(d.source) || 'schedule';
      // The server names who released an inject only for a jump: for the other sources
      // done by hand the sentence says "a facilitator" rather than leaving a gap.
      const how = by || !NAMED_SOURCES.has(source) ? t(`exercise:log.source.${source}`, { by }) : t(`exercise:consoleLayout.sourceUnnamed.${source}`);
      return say('', { title: str(d.title), to: audience(d, c, t), source: how });
    }
    case 'inject.held':
    case 'inject.unheld':
    case 'inject.skipped':
      return say('', { title: titled(str(d.key), c.inject) });
    case 'trigger.fired':
      return say('', { title: titled(str(d.key), c.trigger) });
    case 'trigger.decided':
      return say(d.yes ? '_yes' : '_no', { title: titled(str(d.key), c.trigger) });
    case 'answer.updated':
    case 'answer.submitted':
      return say('', { question: c.question(str(d.phase), str(d.question)) ?? titled(str(d.phase), c.phase) });
    case 'participant.joined':
    case 'participant.removed':
      return say(d.team_id ? '' : '_observer', { name: str(d.name) });
    case 'message.sent':
      return messageSentence(e, c, t);
    case 'request.updated':
    case 'message.retagged': {
      const m = c.message(num(d.message));
      return say(e.type === 'request.updated' ? `_${str(d.status)}` : '', {
        team: d.team_id ? team : t('exercise:messages.control'),
        from: m ? c.team(m.from) : '',
        subject: m?.subject ?? '',
      });
    }
    case 'actor.voiced': {
      // Who wrote as whom, named as people know them; a request's step names the request.
      const m = c.message(num(d.message));
      const suffix = !m ? '' : d.status ? '_step' : '_message';
      return say(suffix, { actor: titled(str(d.actor), c.actor), subject: m?.subject ?? '' });
    }
    case 'evidence.judged':
      return say(`_${str(d.verdict)}`);
    case 'team.renamed':
    case 'note.added':
      return say('', { name: str(d.name), text: str(d.text) });
    default:
      return say('');
  }
}

function audience(d: Record<string, unknown>, c: SentenceContext, t: T): string {
  if (d.all) return t('exercise:log.everyTeam');
  const teams = ids(d.teams);
  return teams.length ? teams.map(c.team).join(', ') : t('exercise:log.staffOnly');
}

function messageSentence(e: ExerciseEvent, c: SentenceContext, t: T): string {
  const d = e.data;
  const from = c.team(num(d.from));
  const subject = str(d.subject);
  if (d.all) return t('exercise:log.say.message.sent_all', { from, subject });
  const to = d.to_control ? t('exercise:messages.control') : ids(d.to).map(c.team).join(', ');
  if (d.kind) return t('exercise:log.say.message.sent_request', { from, to, subject, kind: t(`exercise:log.kind.${str(d.kind)}`) });
  return t('exercise:log.say.message.sent', { from, to, subject });
}
