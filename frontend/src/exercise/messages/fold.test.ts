import { describe, expect, it } from 'vitest';
import type { ExerciseEvent } from '../stream';
import type { Message, PocDirectoryRow } from './api';
import { foldMessageSent, foldPocUpdated, foldRequestUpdated, foldRetagged, messageFromEvent, upsertMessage } from './fold';

const sent = (seq: number, data: Record<string, unknown> = {}, offset = seq * 10): ExerciseEvent => ({
  seq,
  type: 'message.sent',
  at: `2026-11-27T09:00:${String(seq).padStart(2, '0')}.5Z`,
  offset_seconds: offset,
  data: { from: 1, from_name: 'Vera', to: [2], channel: 'poc_hotline', subject: `s${seq}`, body: 'b', cbms: ['8'], ...data },
});

describe('messageFromEvent', () => {
  it('gives the message as GET /messages does, from the message.sent payload', () => {
    // The server's payload omits empty fields (to_control, all, kind, reply_to); the REST view has them.
    const m = messageFromEvent(sent(4, { kind: 'consultation', reply_to: 3 }));
    expect(m).toEqual<Message>({
      id: 4,
      from: 1,
      from_name: 'Vera',
      to: [2],
      to_control: false,
      all: false,
      channel: 'poc_hotline',
      subject: 's4',
      body: 'b',
      cbms: ['8'],
      kind: 'consultation',
      reply_to: 3,
      sent_at: '2026-11-27T09:00:04.5Z',
      offset_seconds: 40,
      status: 'open',
    });
    const toControl = messageFromEvent(sent(5, { to: null, to_control: true }));
    expect(toControl.to).toEqual([]);
    expect(toControl.status).toBeUndefined();
    expect(toControl).not.toHaveProperty('reply_to');
  });
  it('keeps where each tag came from, as the server recorded it', () => {
    const m = messageFromEvent(sent(6, { cbms: ['8', '16'], tag_sources: { '8': 'channel', '16': 'sender', bad: 3 } }));
    expect(m.tag_sources).toEqual({ '8': 'channel', '16': 'sender' });
    expect(messageFromEvent(sent(7))).not.toHaveProperty('tag_sources');
  });
});

describe('foldMessageSent', () => {
  it('adds a message in newest-first order, once', () => {
    let list = [messageFromEvent(sent(3)), messageFromEvent(sent(1))];
    list = foldMessageSent(list, sent(2));
    list = foldMessageSent(list, sent(5));
    expect(list.map((m) => m.id)).toEqual([5, 3, 2, 1]);
    expect(foldMessageSent(list, sent(3))).toBe(list);
  });
});

describe('foldRequestUpdated', () => {
  const upd = (seq: number, data: Record<string, unknown>, offset: number): ExerciseEvent => ({
    seq,
    type: 'request.updated',
    at: 'T',
    offset_seconds: offset,
    data: { message: 1, team_id: 2, by: 'Esteban', ...data },
  });
  it('adds each step once, with the status and the time since the request', () => {
    let list = [messageFromEvent(sent(1, { kind: 'information' }, 100))];
    list = foldRequestUpdated(list, upd(2, { status: 'acknowledged', note: 'on it' }, 130));
    list = foldRequestUpdated(list, upd(4, { status: 'answered', answer: 3 }, 160));
    expect(list[0]!.status).toBe('answered');
    expect(list[0]!.steps).toEqual([
      { status: 'acknowledged', team_id: 2, by: 'Esteban', note: 'on it', at: 'T', offset_seconds: 130, after_seconds: 30 },
      { status: 'answered', team_id: 2, by: 'Esteban', answer: 3, at: 'T', offset_seconds: 160, after_seconds: 60 },
    ]);
    // Folding an older step again changes nothing (a fetched list already has it).
    expect(foldRequestUpdated(list, upd(2, { status: 'acknowledged' }, 130))).toBe(list);
    expect(foldRequestUpdated(list, upd(9, { status: 'declined', message: 77 }, 200))).toBe(list);
  });
});

describe('foldRetagged', () => {
  it('records the facilitators’ correction', () => {
    const list = [messageFromEvent(sent(1))];
    const e: ExerciseEvent = { seq: 2, type: 'message.retagged', at: 'T', offset_seconds: 0, data: { message: 1, cbms: ['3'], by: 'Fay' } };
    const next = foldRetagged(list, e);
    expect(next[0]).toMatchObject({ cbms: ['8'], corrected_cbms: ['3'], corrected_by: 'Fay' });
    expect(foldRetagged(next, e)).toBe(next);
  });
});

describe('upsertMessage', () => {
  it('keeps the copy that knows more of a request', () => {
    const base = messageFromEvent(sent(1, { kind: 'information' }));
    const stepped: Message = { ...base, status: 'acknowledged', steps: [{ status: 'acknowledged', team_id: 2, by: 'E', at: 'T', offset_seconds: 1, after_seconds: 1 }] };
    expect(upsertMessage([stepped], base)).toEqual([stepped]);
    expect(upsertMessage([base], stepped)).toEqual([stepped]);
    expect(upsertMessage([], base)).toEqual([base]);
    expect(upsertMessage(undefined, base)).toBeUndefined();
  });
});

describe('foldPocUpdated', () => {
  it('replaces a team’s entries and says whether both roles are filled', () => {
    const rows: PocDirectoryRow[] = [
      { team_id: 1, team: 'A', entries: [], updated_by: '', complete: false },
      { team_id: 2, team: 'B', entries: [], updated_by: '', complete: false },
    ];
    const entry = (role: string, name: string) => ({ role, name, channel: 'phone', hours: '24/7', languages: ['en'] });
    const e: ExerciseEvent = {
      seq: 9,
      type: 'poc.updated',
      at: 'T',
      offset_seconds: 0,
      data: { team_id: 2, by: 'Bo', entries: [entry('policy', 'P'), entry('technical', 'T')] },
    };
    const next = foldPocUpdated(rows, e);
    expect(next[0]).toBe(rows[0]);
    expect(next[1]).toMatchObject({ updated_by: 'Bo', complete: true });
    expect(next[1]!.entries).toHaveLength(2);
    expect(foldPocUpdated(next, e)).toBe(next);
  });
});
