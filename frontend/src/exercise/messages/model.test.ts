import { describe, expect, it } from 'vitest';
import type { Message, MessageChannel } from './api';
import { effectiveCbms, groupThreads, median, requestActions, suggestCbms, suggestTags, teamActivity, threadUnread, unreadByChannel } from './model';

const msg = (id: number, p: Partial<Message> = {}): Message => ({
  id,
  from: 1,
  from_name: 'A',
  to: [2],
  to_control: false,
  all: false,
  channel: 'poc_hotline',
  subject: `s${id}`,
  body: '',
  cbms: [],
  kind: '',
  sent_at: '',
  offset_seconds: id,
  ...p,
});

describe('groupThreads', () => {
  it('groups reply_to chains under their root, newest thread first, messages oldest first', () => {
    const ms = [msg(1), msg(2), msg(3, { reply_to: 1, from: 2, to: [1] }), msg(5, { reply_to: 3 }), msg(4, { channel: 'osce_network' })];
    const th = groupThreads(ms);
    expect(th.map((t) => t.id)).toEqual([1, 4, 2]);
    expect(th[0]!.messages.map((m) => m.id)).toEqual([1, 3, 5]);
    expect(th[0]!.lastId).toBe(5);
    expect(th[1]!.channel).toBe('osce_network');
  });

  it('starts a thread at a reply whose parent is not visible, and survives cycles', () => {
    const th = groupThreads([msg(7, { reply_to: 6 }), msg(8, { reply_to: 9 }), msg(9, { reply_to: 8 })]);
    expect(th.map((t) => t.id).sort()).toEqual([7, 8]);
    expect(th.find((t) => t.id === 8)!.messages).toHaveLength(2);
  });
});

describe('unread counting', () => {
  it('counts messages of other senders not yet read, per thread and per channel', () => {
    const ms = [
      msg(1, { from: 2, to: [1] }),
      msg(2, { from: 1, reply_to: 1 }),
      msg(3, { from: 2, to: [1], reply_to: 2 }),
      msg(4, { from: 3, to: [1], channel: 'osce_network' }),
      msg(5, { from: 1, channel: 'osce_network' }),
    ];
    const th = groupThreads(ms);
    const read = new Set([1]);
    expect(threadUnread(th.find((t) => t.id === 1)!, read, 1)).toBe(1);
    const byChannel = unreadByChannel(th, read, 1);
    expect(byChannel.get('poc_hotline')).toBe(1);
    expect(byChannel.get('osce_network')).toBe(1);
    expect(unreadByChannel(th, new Set([1, 3, 4]), 1).size).toBe(0);
  });
});

describe('CBM tag suggestion', () => {
  const hotline: MessageChannel = { key: 'poc_hotline', title: 'Hotline', cbms: ['8'], all_teams: false, control: false, kinds: ['state', 'organisation'] };
  const network: MessageChannel = { key: 'osce_network', title: 'Net', cbms: ['10'], all_teams: false, control: false, kinds: ['state', 'organisation'] };
  // The server's table (GET /exercises/{id}: scenario.request_kinds).
  const kinds = [
    { key: 'information', cbms: ['2'] },
    { key: 'consultation', cbms: ['3'] },
    { key: 'assistance', cbms: ['2', '13'] },
  ];
  it('takes the channel CBMs and adds those of the request kind', () => {
    expect(suggestCbms(hotline, '', kinds)).toEqual(['8']);
    expect(suggestCbms(hotline, 'consultation', kinds)).toEqual(['3', '8']);
    expect(suggestCbms(network, 'assistance', kinds)).toEqual(['2', '10', '13']);
    expect(suggestCbms(undefined, 'information', kinds)).toEqual(['2']);
    expect(suggestCbms(hotline, 'assistance', [])).toEqual(['8']);
  });
  it('says where each suggestion comes from, the channel first', () => {
    const ch8: MessageChannel = { ...hotline, cbms: ['8', '2'] };
    expect(suggestTags(ch8, 'assistance', kinds)).toEqual([
      { cbm: '2', source: 'channel' },
      { cbm: '8', source: 'channel' },
      { cbm: '13', source: 'kind' },
    ]);
  });
  it('keeps what the sender unticked or added', () => {
    expect(effectiveCbms(['3', '8'], new Set(['8']), new Set(['16']))).toEqual(['3', '16']);
  });
});

describe('requests', () => {
  it('offers the next steps to recipients only', () => {
    const r = msg(1, { kind: 'consultation', status: 'open', to: [2] });
    expect(requestActions(r, 2)).toEqual(['acknowledge', 'answer', 'decline', 'escalate']);
    expect(requestActions(r, 1)).toEqual([]);
    expect(requestActions(r, 3)).toEqual([]);
    expect(requestActions({ ...r, status: 'acknowledged' }, 2)).toEqual(['answer', 'decline', 'escalate']);
    expect(requestActions({ ...r, status: 'answered' }, 2)).toEqual([]);
  });

  it('sums activity per team with median response times', () => {
    const step = (after: number) => [{ status: 'acknowledged' as const, team_id: 2, by: 'B', at: '', offset_seconds: 0, after_seconds: after }];
    const ms = [
      msg(1, { kind: 'information', status: 'acknowledged', steps: step(10) }),
      msg(2, { kind: 'information', status: 'answered', steps: step(30) }),
      msg(3, { kind: 'consultation' }),
      msg(4, { from: 2, to: [1] }),
    ];
    const [a, b] = teamActivity(ms, [1, 2]);
    expect(a).toMatchObject({ teamId: 1, sent: 3, received: 1, requestsOpen: 0 });
    expect(b).toMatchObject({ teamId: 2, sent: 1, received: 3, requestsOpen: 2, requestsAnswered: 1, medianResponse: 20 });
    expect(median([3, 1, 2])).toBe(2);
  });
});
