import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../api/queryClient';
import type { Session } from '../api/types';
import { sessionQuery } from '../auth/session';
import i18n from '../i18n';
import { jsonResponse, makeUser, mockFetch, renderApp } from '../test/utils';
import { readLang } from './language';

/** An EventSource the test drives; every one opened is kept, in order. */
class ScriptedEventSource {
  static all: ScriptedEventSource[] = [];
  readyState = 1;
  closed = false;
  private listeners = new Map<string, ((e: MessageEvent<string>) => void)[]>();
  constructor(public url: string) {
    ScriptedEventSource.all.push(this);
  }
  static last() {
    return ScriptedEventSource.all[ScriptedEventSource.all.length - 1]!;
  }
  addEventListener(type: string, fn: (e: MessageEvent<string>) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  close() {
    this.closed = true;
  }
  send(seq: number, type: string, data: Record<string, unknown>) {
    const e = { seq, type, at: '2026-03-02T09:01:00Z', offset_seconds: 60, data };
    act(() => {
      for (const fn of this.listeners.get(type) ?? []) fn(new MessageEvent(type, { data: JSON.stringify(e) }));
    });
  }
}

const participant = { role: 'participant', participant: { exercise_id: 5, team_id: 11 }, csrf_token: 't' } as unknown as Session;
const staff = { user: makeUser({ role: 'facilitator' }), csrf_token: 't' };

const exerciseIn = (language: string, role = 'participant') => ({
  id: 5,
  workshop_id: 1,
  scenario_version_id: 1,
  title: '',
  clock: { status: 'running', speed: 1, offset_seconds: 60, as_of: '2026-03-02T09:00:00Z' },
  created_at: '2026-03-02T09:00:00Z',
  scenario: {
    id: 'tutorial',
    version: 1,
    title: language === 'ru' ? 'Первый контакт' : 'First contact',
    summary: '',
    source_language: 'en',
    languages: ['en', 'ru', 'fr'],
    lang: language,
    fallback: [],
    duration_seconds: 900,
    phases: [],
    channels: [],
  },
  current_phase: '',
  teams: [{ id: 11, key: 'nor', name: 'Republic of Norhaven' }],
  viewer: role === 'participant' ? { role, team_id: 11, name: 'Nora', language } : { role, language },
});

const briefingIn = (language: string) => ({
  title: 'First contact',
  summary: '',
  lang: language,
  source_language: 'en',
  fallback: [],
  teams: [
    {
      team_id: 11,
      name: 'Republic of Norhaven',
      kind: 'state',
      briefing: language === 'ru' ? 'Вы играете за **Норхейвен**.' : 'You play **Norhaven**.',
      points_of_contact: [],
      fallback: [],
    },
  ],
});

const cbmsIn = (language: string) => ({
  default: 'osce-ict-cbms',
  catalogues: [
    {
      id: 'osce-ict-cbms',
      title: 'OSCE',
      source: '',
      items: [
        {
          key: '8',
          title: language === 'ru' ? 'Точки контакта' : language === 'fr' ? 'Points de contact' : 'Points of contact',
          summary: '',
          decision: '',
          adopted: '',
          guidance: '',
        },
      ],
    },
  ],
});

const injectEvent = (language: string) => ({
  key: 'phishing',
  title: language === 'ru' ? 'Волна фишинга' : 'Phishing wave',
  channel: 'news',
  from: 'VAL-CERT',
  body: language === 'ru' ? 'Поддельные письма.' : 'Fake e-mails.',
  teams: [],
  all: true,
  source: 'schedule',
  late: false,
  due_seconds: 60,
  offset_seconds: 60,
  lang: language,
  fallback: [],
});

type Fetch = ReturnType<typeof mockFetch>;
const calls = (fetch: Fetch) =>
  fetch.mock.calls.map(([url, init]) => {
    const u = new URL(String(url), 'http://x');
    return { method: (init?.method ?? 'GET').toUpperCase(), path: u.pathname, lang: u.searchParams.get('lang'), body: init?.body };
  });

beforeEach(() => {
  ScriptedEventSource.all = [];
  vi.stubGlobal('EventSource', ScriptedEventSource);
});
afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  sessionStorage.clear();
  await act(() => i18n.changeLanguage('en'));
  localStorage.clear();
});

describe('the join page', () => {
  it('sends the language chosen (the UI language by default) and takes the one the server stored', async () => {
    const sent: unknown[] = [];
    mockFetch({
      'POST /api/v1/join': (_url, init) => {
        sent.push(JSON.parse(String(init.body)));
        return jsonResponse(201, {
          token: 'x',
          csrf_token: 't',
          exercise_id: 5,
          language: 'fr',
          participant: { id: 1, name: 'Nora', team_id: 11 },
          team: { id: 11, key: 'nor', name: 'Republic of Norhaven' },
        });
      },
      'GET /api/v1/exercises/5': () => jsonResponse(200, { exercise: exerciseIn('fr') }),
      'GET /api/v1/exercises/5/briefing': () => jsonResponse(200, briefingIn('fr')),
    });
    const user = userEvent.setup();
    renderApp('/join?code=ABC-123', null);
    const language = await screen.findByRole('combobox', { name: 'Language' });
    expect(language).toHaveValue('en');
    // Each language named in itself, marked as such for screen readers.
    const names = within(language)
      .getAllByRole('option')
      .map((o) => [o.textContent, o.getAttribute('lang')]);
    expect(names).toEqual([
      ['English', 'en'],
      ['Français', 'fr'],
      ['Deutsch', 'de'],
      ['Italiano', 'it'],
      ['Русский', 'ru'],
      ['Español', 'es'],
    ]);
    // Choosing a language shows the page in it.
    await user.selectOptions(language, 'ru');
    expect(await screen.findByRole('heading', { level: 1, name: 'Присоединиться к учениям' })).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'Ваше имя' }), 'Nora');
    await user.click(screen.getByRole('button', { name: 'Присоединиться' }));
    await waitFor(() => expect(i18n.language).toBe('fr'));
    expect(sent).toEqual([{ code: 'ABC-123', name: 'Nora', language: 'ru' }]);
  });
});

describe('a participant changing language in the room', () => {
  function serveRoom() {
    let stored = 'en';
    const fetch = mockFetch({
      'GET /api/v1/exercises/5': () => jsonResponse(200, { exercise: exerciseIn(stored) }),
      'GET /api/v1/exercises/5/briefing': () => jsonResponse(200, briefingIn(stored)),
      'GET /api/v1/exercises/5/messages': () => jsonResponse(200, { messages: [], next_before: 0 }),
      'GET /api/v1/exercises/5/commchecks': () => jsonResponse(200, { checks: [] }),
      'GET /api/v1/exercises/5/poc': () => jsonResponse(200, { directory: [] }),
      'GET /api/v1/cbms': (url) => jsonResponse(200, cbmsIn(new URL(url, 'http://x').searchParams.get('lang') ?? 'en')),
      'PUT /api/v1/exercises/5/language': (_url, init) => {
        stored = (JSON.parse(String(init.body)) as { language: string }).language;
        return new Response(null, { status: 204 });
      },
    });
    return fetch;
  }

  it('stores it, reads the exercise, briefing and stream again in it, and shows the UI in it', async () => {
    const fetch = serveRoom();
    const user = userEvent.setup();
    renderApp('/exercises/5/room', participant);
    expect(await screen.findByText('Norhaven')).toBeInTheDocument();
    const first = ScriptedEventSource.last();
    // Participants read in their stored language: no lang on their reads or stream.
    expect(first.url).toBe('/api/v1/exercises/5/events');
    first.send(1, 'inject.released', injectEvent('en'));
    expect(await screen.findByRole('heading', { name: 'Phishing wave' })).toBeInTheDocument();
    await user.click(screen.getByText('CBM reference card'));
    expect(await screen.findByText(/Points of contact/)).toBeInTheDocument();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'ru');

    expect(await screen.findByRole('combobox', { name: 'Язык' })).toHaveValue('ru');
    const log = calls(fetch);
    const put = log.findIndex((c) => c.method === 'PUT');
    expect(log[put]).toMatchObject({ path: '/api/v1/exercises/5/language', body: JSON.stringify({ language: 'ru' }) });
    // After the change is stored: the exercise and the briefing again, the CBMs in Russian.
    await waitFor(() => {
      const after = calls(fetch).slice(put + 1);
      expect(after.some((c) => c.path === '/api/v1/exercises/5')).toBe(true);
      expect(after.some((c) => c.path === '/api/v1/exercises/5/briefing')).toBe(true);
      expect(after.some((c) => c.path === '/api/v1/cbms' && c.lang === 'ru')).toBe(true);
    });
    expect(calls(fetch).filter((c) => c.path.startsWith('/api/v1/exercises/5') && c.lang)).toEqual([]);
    expect(await screen.findByText('Норхейвен')).toBeInTheDocument();
    expect(await screen.findByText(/Точки контакта/)).toBeInTheDocument();

    // The stream is read again from the start, and its events replace the English ones.
    await waitFor(() => expect(ScriptedEventSource.all).toHaveLength(2));
    expect(first.closed).toBe(true);
    const second = ScriptedEventSource.last();
    expect(second.url).toBe('/api/v1/exercises/5/events');
    second.send(1, 'inject.released', injectEvent('ru'));
    expect(await screen.findByRole('heading', { name: 'Волна фишинга' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Phishing wave' })).toBeNull();
  });

  it('keeps the language when the server refuses the change, and says why', async () => {
    mockFetch({
      'GET /api/v1/exercises/5': () => jsonResponse(200, { exercise: exerciseIn('en') }),
      'GET /api/v1/exercises/5/briefing': () => jsonResponse(200, briefingIn('en')),
      'PUT /api/v1/exercises/5/language': () => jsonResponse(403, { error: { code: 'forbidden', message: 'Not allowed.' } }),
    });
    const user = userEvent.setup();
    renderApp('/exercises/5/room', participant);
    await screen.findByText('Norhaven');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'ru');
    expect(await screen.findByText('The language was not changed: Not allowed.')).toHaveAttribute('role', 'alert');
    expect(i18n.language).toBe('en');
    expect(ScriptedEventSource.all).toHaveLength(1);
  });

  it('opens in the language stored for the participant', async () => {
    mockFetch({
      'GET /api/v1/exercises/5': () => jsonResponse(200, { exercise: exerciseIn('ru') }),
      'GET /api/v1/exercises/5/briefing': () => jsonResponse(200, briefingIn('ru')),
    });
    renderApp('/exercises/5/room', participant);
    expect(await screen.findByRole('combobox', { name: 'Язык' })).toHaveValue('ru');
    expect(await screen.findByText('Норхейвен')).toBeInTheDocument();
  });
});

describe('the console', () => {
  const texts = {
    key: 'phishing',
    source_language: 'en',
    texts: [
      { language: 'fr', title: 'Vague d’hameçonnage', from: 'VAL-CERT', body: 'Ancien texte.', state: 'stale' },
      { language: 'en', title: 'Phishing wave', from: 'VAL-CERT', body: 'Fake e-mails.', state: 'done' },
      { language: 'ru', title: 'Волна фишинга', from: 'VAL-CERT', body: 'Поддельные письма.', state: 'done' },
    ],
  };
  const row = {
    key: 'phishing',
    title: 'Phishing wave',
    phase: 'p1',
    channel: 'news',
    from: 'VAL-CERT',
    audience: { all: true },
    scheduled_seconds: 60,
    contingency: false,
    state: 'pending',
    released_seconds: null,
    late: false,
    body: 'Fake e-mails.',
    lang: 'en',
    fallback: [],
  };

  function serveConsole() {
    return mockFetch({
      'GET /api/v1/exercises/5': () => jsonResponse(200, { exercise: exerciseIn('en', 'staff') }),
      'GET /api/v1/exercises/5/injects': () => jsonResponse(200, { injects: [row] }),
      'GET /api/v1/exercises/5/injects/phishing/texts': () => jsonResponse(200, texts),
      'GET /api/v1/exercises/5/triggers': () => jsonResponse(200, { triggers: [] }),
      'GET /api/v1/exercises/5/participants': () => jsonResponse(200, { participants: [] }),
      'GET /api/v1/exercises/5/messages': () => jsonResponse(200, { messages: [], next_before: 0 }),
      'GET /api/v1/exercises/5/commchecks': () => jsonResponse(200, { checks: [] }),
      'GET /api/v1/exercises/5/poc': () => jsonResponse(200, { directory: [] }),
    });
  }

  it('reads the exercise, its injects and its stream in the UI language, again when it changes', async () => {
    const fetch = serveConsole();
    renderApp('/exercises/5/console', staff);
    await screen.findByRole('rowheader', { name: /Phishing wave/ });
    expect(ScriptedEventSource.last().url).toBe('/api/v1/exercises/5/events?lang=en');
    const langOf = (path: string) => calls(fetch).filter((c) => c.path === path).map((c) => c.lang);
    expect(langOf('/api/v1/exercises/5')).toContain('en');
    expect(langOf('/api/v1/exercises/5/injects')).toEqual(['en']);

    await act(() => i18n.changeLanguage('fr'));
    await waitFor(() => expect(langOf('/api/v1/exercises/5/injects')).toEqual(['en', 'fr']));
    expect(langOf('/api/v1/exercises/5')).toContain('fr');
    await waitFor(() => expect(ScriptedEventSource.last().url).toBe('/api/v1/exercises/5/events?lang=fr'));
  });

  it('opens an inject in every language, the source first, with the state of each', async () => {
    const fetch = serveConsole();
    const user = userEvent.setup();
    renderApp('/exercises/5/console', staff);
    const title = await screen.findByRole('rowheader', { name: /Phishing wave/ });
    const toggle = within(title.closest('tr')!).getByRole('button', { name: 'Translations: Phishing wave' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(calls(fetch).some((c) => c.path.endsWith('/texts'))).toBe(false);

    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const panel = document.getElementById(toggle.getAttribute('aria-controls')!)!;
    const items = await within(panel).findAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-language'))).toEqual(['en', 'fr', 'ru']);
    expect(within(items[0]!).getByText('source')).toBeInTheDocument();
    expect(within(items[0]!).getByText('English')).toHaveAttribute('lang', 'en');
    expect(within(items[1]!).getByText('Out of date')).toBeInTheDocument();
    expect(within(items[1]!).getByText('Teams reading in this language see the source text.')).toBeInTheDocument();
    const ru = items[2]!;
    expect(within(ru).getByText('Translated')).toBeInTheDocument();
    expect(within(ru).getByText('Волна фишинга')).toHaveAttribute('lang', 'ru');
    expect(within(ru).getByText('Поддельные письма.').closest('[lang]')).toHaveAttribute('lang', 'ru');
    expect(within(ru).queryByText('Teams reading in this language see the source text.')).toBeNull();

    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByText('Волна фишинга')).toBeNull();
  });
});

describe('the CBM catalogue', () => {
  it('is asked for in the UI language, and again when it changes', async () => {
    const fetch = mockFetch({
      'GET /api/v1/cbms': (url) => jsonResponse(200, cbmsIn(new URL(url, 'http://x').searchParams.get('lang') ?? 'en')),
      'GET /api/v1/scenarios': () => jsonResponse(200, { scenarios: [] }),
    });
    await act(() => i18n.changeLanguage('ru'));
    renderApp('/scenarios', staff);
    await waitFor(() => expect(calls(fetch).filter((c) => c.path === '/api/v1/cbms').map((c) => c.lang)).toEqual(['ru']));
    await act(() => i18n.changeLanguage('fr'));
    await waitFor(() => expect(calls(fetch).filter((c) => c.path === '/api/v1/cbms').map((c) => c.lang)).toEqual(['ru', 'fr']));
  });
});

describe('readLang', () => {
  it('asks for the UI language for staff, and for nothing for participants and observers (their stored choice)', async () => {
    const client = createQueryClient();
    client.setQueryData(sessionQuery.queryKey, { role: 'facilitator', user: makeUser({ role: 'facilitator' }), csrf_token: 't' } as never);
    await act(() => i18n.changeLanguage('ru'));
    expect(readLang(client)).toEqual({ lang: 'ru' });
    client.setQueryData(sessionQuery.queryKey, participant as never);
    expect(readLang(client)).toEqual({});
    client.setQueryData(sessionQuery.queryKey, { ...participant, role: 'observer' } as never);
    expect(readLang(client)).toEqual({});
  });
});
