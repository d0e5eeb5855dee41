import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from 'i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '../../api/types';
import { jsonResponse, makeUser, mockFetch, renderApp } from '../../test/utils';
import type { TranslationText } from './api';
import { detail, table, TEXTS, version } from './fixtures';
import { pendingTexts, rowsFor, unwrapLines } from './TranslationEditor';

afterEach(async () => {
  vi.unstubAllGlobals();
  await i18n.changeLanguage('en');
});

const staff = { user: makeUser({ role: 'facilitator' }), csrf_token: 't' };
const PATH = '/api/v1/scenarios/grid/translations/ru';

/** The page over a mocked server; `puts` collects the bodies of each save. */
function open(lang = 'ru', latest = 3) {
  const puts: { texts: Record<string, string> }[] = [];
  const path = `/api/v1/scenarios/grid/translations/${lang}`;
  const fetch = mockFetch({
    'GET /api/v1/scenarios/grid': () => jsonResponse(200, detail(latest)),
    [`GET ${path}`]: () => jsonResponse(200, table(latest)),
    [`PUT ${path}`]: (_url, init) => {
      const body = JSON.parse(String(init.body)) as { texts: Record<string, string> };
      puts.push(body);
      // The server stores them as done in a new version.
      const texts: TranslationText[] = TEXTS.map((x) =>
        x.key in body.texts ? { ...x, target: body.texts[x.key]!, state: 'done' } : x,
      );
      return jsonResponse(201, { scenario: version(latest + 1), created: true, translation: table(latest + 1, texts) });
    },
  });
  const app = renderApp(`/scenarios/grid/translations/${lang}`, staff);
  return { ...app, puts, fetch };
}

const rows = () => screen.getAllByRole('listitem').filter((li) => li.hasAttribute('data-key'));
const keysShown = () => rows().map((li) => li.getAttribute('data-key'));
const target = (key: string) => screen.getByRole('textbox', { name: `Translation of ${key}` });

describe('the side-by-side translation view', () => {
  it('shows what needs work first, and filters by state with a count', async () => {
    open();
    const user = userEvent.setup();
    expect(await screen.findByRole('heading', { level: 1, name: 'Russian translation — Grid cascade' })).toBeInTheDocument();
    expect(keysShown()).toEqual(['summary', 'injects.power-cut.title', 'injects.power-cut.from']);
    expect(screen.getByTestId('shown-count')).toHaveTextContent('3 of 4 texts shown');

    await user.click(screen.getByRole('radio', { name: /^Done/ }));
    expect(keysShown()).toEqual(['title']);
    expect(screen.getByTestId('shown-count')).toHaveTextContent('1 of 4 texts shown');
    await user.click(screen.getByRole('radio', { name: /^Stale/ }));
    expect(keysShown()).toEqual(['injects.power-cut.title']);
    await user.click(screen.getByRole('radio', { name: /^All/ }));
    expect(keysShown()).toHaveLength(4);
    expect(screen.getByRole('radio', { name: 'Missing (2)' })).toBeInTheDocument();
  });

  it('labels each target, marks Markdown, names the state in words and sets the languages', async () => {
    open();
    const summary = await screen.findByRole('textbox', { name: 'Translation of summary' });
    expect(summary).toHaveAttribute('lang', 'ru');
    const row = summary.closest('li')!;
    expect(within(row).getByText('A **regional** blackout.')).toHaveAttribute('lang', 'en');
    expect(summary).toHaveAccessibleDescription('A **regional** blackout.');
    expect(within(row).getByText('Markdown')).toBeInTheDocument();
    expect(within(row).getByText('Missing')).toBeInTheDocument();
    const stale = target('injects.power-cut.title').closest('li')!;
    expect(within(stale).getByText('Stale')).toBeInTheDocument();
    expect(within(stale).getByText('The source changed since this was translated.')).toBeInTheDocument();
  });

  it('tracks changes and sends only the changed texts, then shows the new version', async () => {
    const { puts } = open();
    const user = userEvent.setup();
    const save = await screen.findByRole('button', { name: 'Save' });
    expect(save).toBeDisabled();
    expect(screen.getByTestId('unsaved-count')).toHaveTextContent('No unsaved changes');

    await user.type(target('summary'), 'Региональное');
    expect(screen.getByTestId('unsaved-count')).toHaveTextContent('1 unsaved change');
    expect(screen.getByText('Edited, not saved yet')).toBeInTheDocument();
    // Typed and taken back: nothing to save.
    await user.type(target('injects.power-cut.from'), 'x');
    expect(screen.getByTestId('unsaved-count')).toHaveTextContent('2 unsaved changes');
    await user.clear(target('injects.power-cut.from'));
    expect(screen.getByTestId('unsaved-count')).toHaveTextContent('1 unsaved change');

    await user.click(save);
    expect(await screen.findByTestId('translation-saved')).toHaveTextContent('Saved as version 4.');
    expect(puts).toEqual([{ texts: { summary: 'Региональное' } }]);
    // Refreshed from the answer: the text is done, so it left "needs work".
    expect(keysShown()).toEqual(['injects.power-cut.title', 'injects.power-cut.from']);
    expect(screen.getByTestId('translation-version')).toHaveTextContent('Version 4');
    expect(screen.getByTestId('unsaved-count')).toHaveTextContent('No unsaved changes');
  });

  it('confirms a stale text as still right by sending it unchanged', async () => {
    const { puts } = open();
    const user = userEvent.setup();
    const keep = await screen.findByRole('button', { name: 'Source changed — keep translation' });
    expect(keep).toHaveAttribute('aria-pressed', 'false');
    await user.click(keep);
    expect(keep).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByTestId('unsaved-count')).toHaveTextContent('1 unsaved change');
    await user.click(keep);
    expect(screen.getByTestId('unsaved-count')).toHaveTextContent('No unsaved changes');
    await user.click(keep);

    // Ctrl+S saves as the button does.
    await user.click(target('injects.power-cut.title'));
    await user.keyboard('{Control>}s{/Control}');
    expect(await screen.findByTestId('translation-saved')).toHaveTextContent('Saved as version 4.');
    expect(puts).toEqual([{ texts: { 'injects.power-cut.title': 'Отключение' } }]);
  });

  it('shows why a save was refused and keeps the changes', async () => {
    mockFetch({
      'GET /api/v1/scenarios/grid': () => jsonResponse(200, detail(3)),
      [`GET ${PATH}`]: () => jsonResponse(200, table(3)),
      [`PUT ${PATH}`]: () =>
        jsonResponse(422, {
          error: { code: 'validation_failed', message: 'Some texts were refused.', fields: { 'texts.nope': 'no such text' } },
        }),
    });
    renderApp('/scenarios/grid/translations/ru', staff);
    const user = userEvent.setup();
    await user.type(await screen.findByRole('textbox', { name: 'Translation of summary' }), 'Сводка');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Some texts were refused.');
    expect(alert).toHaveTextContent('texts.nope: no such text');
    expect(target('summary')).toHaveValue('Сводка');
    expect(screen.getByTestId('unsaved-count')).toHaveTextContent('1 unsaved change');
  });

  it('asks before leaving with unsaved changes', async () => {
    const { router } = open();
    const user = userEvent.setup();
    await user.type(await screen.findByRole('textbox', { name: 'Translation of summary' }), 'Сводка');
    await user.click(screen.getByRole('link', { name: '← Grid cascade' }));
    const dialog = await screen.findByRole('dialog', { name: 'Leave without saving?' });
    expect(dialog).toHaveTextContent('1 change to this translation has not been saved.');
    await user.click(within(dialog).getByRole('button', { name: 'Stay and keep editing' }));
    expect(router.state.location.pathname).toBe('/scenarios/grid/translations/ru');
    expect(target('summary')).toHaveValue('Сводка');
  });

  it('shows an older version read-only, with the way to the latest', async () => {
    mockFetch({
      'GET /api/v1/scenarios/grid': () => jsonResponse(200, detail(3)),
      [`GET ${PATH}`]: (url) => jsonResponse(200, table(Number(new URL(url, 'http://x').searchParams.get('version') ?? 3))),
    });
    renderApp('/scenarios/grid/translations/ru?version=2', staff);
    const summary = await screen.findByRole('textbox', { name: 'Translation of summary' });
    expect(summary).toHaveAttribute('readonly');
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Source changed — keep translation' })).toBeNull();
    expect(screen.getByText(/This is version 2, shown read-only/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open the latest version' })).toHaveAttribute('href', '/scenarios/grid/translations/ru');
  });

  it('speaks the UI language, whatever the target language', async () => {
    await act(() => i18n.changeLanguage('ru'));
    open('fr');
    expect(await screen.findByRole('heading', { level: 1, name: 'Перевод на французский — Grid cascade' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: /^Требуют работы/ })).toBeChecked();
    expect(screen.getByRole('textbox', { name: 'Перевод summary' })).toHaveAttribute('lang', 'fr');
  });

  it('is for staff only: a participant lands in their room', async () => {
    mockFetch({});
    const participant = { role: 'participant', participant: { exercise_id: 5, team_id: 11 }, csrf_token: 't' } as unknown as Session;
    const { router } = renderApp('/scenarios/grid/translations/ru', participant);
    await vi.waitFor(() => expect(router.state.location.pathname).toBe('/exercises/5/room'));
  });

  it('explains that the source language needs no translation', async () => {
    mockFetch({
      'GET /api/v1/scenarios/grid': () => jsonResponse(200, detail(3)),
      'GET /api/v1/scenarios/grid/translations/en': () =>
        jsonResponse(422, { error: { code: 'source_language', message: 'The scenario is written in en.' } }),
    });
    renderApp('/scenarios/grid/translations/en', staff);
    expect(await screen.findByText('The scenario is written in English: there is nothing to translate into it.')).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: '← Grid cascade' })).toHaveAttribute('href', '/scenarios/grid');
  });

  it('answers an unknown language with "not found"', async () => {
    mockFetch({});
    renderApp('/scenarios/grid/translations/xx', staff);
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
  });
});

describe('pendingTexts', () => {
  it('keeps changed targets and confirmed stale texts, nothing else', () => {
    const kept = new Set(['injects.power-cut.title', 'title']);
    expect(pendingTexts(TEXTS, { title: 'Каскад в энергосистеме', summary: 'Сводка' }, kept)).toEqual({
      summary: 'Сводка',
      'injects.power-cut.title': 'Отключение',
    });
    // An emptied translation is sent as "" (the server removes it).
    expect(pendingTexts(TEXTS, { title: '' }, new Set())).toEqual({ title: '' });
  });

  it('sizes a textarea to the longer text', () => {
    expect(rowsFor('short', '')).toBe(2);
    expect(rowsFor('a\nb\nc\nd', 'x')).toBe(4);
    expect(rowsFor('x'.repeat(300))).toBe(7);
    expect(rowsFor('x'.repeat(10_000))).toBe(20);
  });
});

describe('unwrapLines', () => {
  it('joins the lines of a paragraph and keeps blank lines, list items, headings and quotes', () => {
    const src = '**You play Valdoria.**\n\nYour team sits in the\nMinistry.\n- first item\n  goes on\n- second\n1. one\n# Title\n> quote\n*emphasis* starts a line';
    expect(unwrapLines(src)).toBe(
      '**You play Valdoria.**\n\nYour team sits in the Ministry.\n- first item goes on\n- second\n1. one\n# Title\n> quote *emphasis* starts a line',
    );
  });
});
