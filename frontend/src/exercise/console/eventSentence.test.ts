import i18n from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { EVENT_CATALOGUE } from '../eventCatalogue';
import type { ExerciseEvent } from '../stream';
import { describeEvent, type SentenceContext } from './eventSentence';

const names: Record<number, string> = { 1: 'Valdoria', 2: 'Esterra' };
const ctx: SentenceContext = {
  team: (id) => names[id] ?? 'Exercise control',
  inject: (k) => ({ phishing: 'VAL-CERT: phishing wave' })[k],
  phase: (k) => ({ alarm: 'The alarm' })[k],
  trigger: (k) => ({ 'no-contact': 'No contact after ten minutes' })[k],
  question: (p, q) => (p === 'alarm' && q === 'q1' ? 'Whom do you call first?' : undefined),
  message: (seq) => (seq === 7 ? { from: 1, subject: 'Preserve the logs' } : undefined),
  actor: (k) => ({ secretariat: 'OSCE Secretariat' })[k],
};

// One event of every type, with the data the server writes.
const data: Record<string, Record<string, unknown>> = {
  'exercise.clock': { action: 'jump', phase: 'alarm', speed: 1 },
  'phase.started': { key: 'alarm', title: 'The alarm' },
  'phase.closed': { key: 'alarm' },
  'inject.released': { key: 'phishing', title: 'VAL-CERT: phishing wave', teams: [1], source: 'schedule' },
  'inject.held': { key: 'phishing', by: 'Anna' },
  'inject.unheld': { key: 'phishing', by: 'Anna' },
  'inject.skipped': { key: 'phishing', by: 'Anna' },
  'trigger.fired': { key: 'no-contact', releases: ['hint'] },
  'trigger.decided': { key: 'no-contact', yes: true, by: 'Anna' },
  'answer.updated': { team_id: 2, phase: 'alarm', question: 'q1', by: 'Elena' },
  'answer.submitted': { team_id: 2, phase: 'alarm', question: 'q1', by: 'Elena' },
  'answers.shared': { phase: 'alarm' },
  'note.added': { text: 'Esterra is slow to answer', by: 'Anna' },
  'team.renamed': { team_id: 1, name: 'Valdoria (Delegation A)' },
  'participant.joined': { team_id: 2, name: 'Elena' },
  'participant.removed': { team_id: 2, name: 'Elena' },
  'message.sent': { from: 1, to: [2], channel: 'poc_hotline', subject: 'Preserve the logs', kind: 'assistance' },
  'request.updated': { message: 7, status: 'acknowledged', team_id: 2, by: 'Elena' },
  'message.retagged': { message: 7, cbms: ['8'], by: 'Anna' },
  'poc.updated': { team_id: 2, by: 'Elena' },
  'commcheck.sent': { text: 'Check', by: 'Anna' },
  'commcheck.acked': { check: 3, team_id: 2, by: 'Elena' },
  'score.set': { team_id: 2, criterion: 'poc', value: 'S', by: 'Anna' },
  'team.assessed': { team_id: 2, by: 'Anna' },
  'improvement.added': { recommendation: 'Exercise the hotline monthly', by: 'Anna' },
  'report.published': { by: 'Anna' },
  'evidence.judged': { team_id: 2, inject: 'phishing', action: 'contacts', message: 7, verdict: 'confirmed', by: 'Anna' },
  'actor.voiced': { message: 7, actor: 'secretariat', by: 'Anna' },
};
const event = (type: string): ExerciseEvent => ({ seq: 9, type, offset_seconds: 60, data: data[type] ?? {} }) as unknown as ExerciseEvent;
const t = (k: string, o?: Record<string, unknown>) => i18n.t(k, { ns: 'exercise', ...o });

afterEach(() => void i18n.changeLanguage('en'));

describe('the live log speaks in sentences', () => {
  it.each(['en', 'ru', 'fr', 'de', 'it', 'es'])('every event type has a sentence in %s, with names instead of keys', async (lang) => {
    await i18n.changeLanguage(lang);
    for (const { type } of EVENT_CATALOGUE) {
      const s = describeEvent(event(type), ctx, t);
      expect(s, type).not.toMatch(/log\.|undefined|\{\{/);
      expect(s, type).not.toContain(type);
      expect(s, type).not.toMatch(/\bq1\b|no-contact|\bphishing\b(?! wave)|secretariat/);
    }
  });

  it('says who did what in English', () => {
    expect(describeEvent(event('commcheck.acked'), ctx, t)).toBe('Esterra acknowledged the communication check');
    expect(describeEvent(event('request.updated'), ctx, t)).toBe('Esterra acknowledged the request of Valdoria: “Preserve the logs”');
    expect(describeEvent(event('trigger.decided'), ctx, t)).toBe('Anna decided “No contact after ten minutes”: yes');
    expect(describeEvent(event('answer.submitted'), ctx, t)).toBe('Esterra submitted its answer to “Whom do you call first?”');
    expect(describeEvent(event('exercise.clock'), ctx, t)).toBe('The clock jumped to the phase “The alarm”');
    expect(describeEvent(event('message.sent'), ctx, t)).toBe('Valdoria asked Esterra for assistance: “Preserve the logs”');
  });

  it.each(['en', 'ru', 'fr', 'de', 'it', 'es'])('names the actor and the facilitator who wrote as it (%s)', async (lang) => {
    await i18n.changeLanguage(lang);
    const voiced = (o: Record<string, unknown>) => describeEvent({ ...event('actor.voiced'), data: { actor: 'secretariat', by: 'Anna', ...o } }, ctx, t);
    for (const s of [voiced({ message: 7 }), voiced({ message: 7, status: 'answered' }), voiced({ message: 99 })]) {
      expect(s).toContain('Anna');
      expect(s).toContain('OSCE Secretariat');
      expect(s).not.toMatch(/secretariat|\{\{|“”/);
    }
    if (lang !== 'en') return;
    expect(voiced({ message: 7 })).toBe('Anna wrote as OSCE Secretariat: “Preserve the logs”');
    expect(voiced({ message: 7, status: 'answered' })).toBe('Anna acted as OSCE Secretariat on the request “Preserve the logs”');
    expect(voiced({ message: 99 })).toBe('Anna wrote as OSCE Secretariat');
  });

  it.each(['en', 'ru'])('says a facilitator released an inject when the event does not name them (%s)', async (lang) => {
    await i18n.changeLanguage(lang);
    const released = (o: Record<string, unknown>) =>
      describeEvent({ ...event('inject.released'), data: { key: 'phishing', title: 'VAL-CERT: phishing wave', all: true, ...o } }, ctx, t);
    for (const source of ['manual', 'adhoc', 'jump']) {
      expect(released({ source }), source).not.toMatch(/\s$|\bby$|\(\s*\)|\{\{/);
      expect(released({ source, by: 'Anna' }), source).toContain('Anna');
    }
    if (lang === 'en') expect(released({ source: 'manual' })).toBe('“VAL-CERT: phishing wave” reached every team, released by a facilitator');
  });
});
