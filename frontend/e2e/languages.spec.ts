import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join as pathJoin } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { baseURL } from './env';
import { apiPost, consoleTab, signIn, TEAMS } from './live-helpers';

// Each participant reads the exercise in their own language: three delegations of the
// tutorial (translated into all six languages) join in English, Russian and French; each
// reads the briefing, a timed inject, the phase questions and the CBM reference in their
// language; the facilitator, in English, reads the source and opens the Russian text of
// an inject. The translated strings are read from the translation files themselves.
test.use({ baseURL: baseURL(), trace: 'off' });

// Set CBMEX_SHOT_DIR (e.g. ../docs/screenshots) to keep screenshots of the rooms and the console.
const SHOT_DIR = process.env.CBMEX_SHOT_DIR;
async function shot(page: Page, name: string) {
  if (!SHOT_DIR) return;
  mkdirSync(SHOT_DIR, { recursive: true });
  await page.screenshot({ path: pathJoin(SHOT_DIR, name), fullPage: true });
}

const root = pathJoin(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Unquotes a one-line YAML scalar. */
function scalar(raw: string): string {
  const v = raw.trim();
  if (v.startsWith("'")) return v.slice(1, -1).replaceAll("''", "'");
  if (v.startsWith('"')) return JSON.parse(v) as string;
  return v;
}

/** The text of `key` in the tutorial's translation into `lang`; of a block, its first line. */
function translated(lang: string, key: string): string {
  const file = readFileSync(pathJoin(root, 'scenarios', `tutorial-first-contact.${lang}.yaml`), 'utf8');
  const at = new RegExp(`^  ${key.replaceAll('.', '\\.')}:\\n    source: \\w+\\n    text: (.*)$`, 'm').exec(file);
  if (!at) throw new Error(`${key} is not in the ${lang} translation`);
  if (at[1] !== '|') return scalar(at[1]!);
  const rest = file.slice(at.index + at[0].length + 1);
  return rest.split('\n').find((l) => l.trim())!.trim();
}

/** The title of CBM `key` in the catalogue's translation into `lang`. */
function cbmTitle(lang: string, key: string): string {
  const file = readFileSync(pathJoin(root, 'backend', 'internal', 'cbm', 'catalogues', `osce-ict-cbms.${lang}.yaml`), 'utf8');
  const at = new RegExp(`^  "${key}":\\n    title: (.*)$`, 'm').exec(file);
  if (!at) throw new Error(`CBM ${key} is not in the ${lang} catalogue`);
  return scalar(at[1]!);
}

const stripBold = (s: string) => s.replace(/^\*\*(.*)\*\*$/, '$1');

/** What one delegation should read, in its language. */
interface Reading {
  team: string;
  briefing: string;
  welcome: string;
  commCheck: string;
  question: string;
  reference: string;
  cbm8: string;
  live: string;
}

const EN: Reading = {
  team: TEAMS.valdoria,
  briefing: 'You play the Republic of Valdoria.',
  welcome: 'Welcome to the exercise',
  commCheck: 'Communication check from the OSCE Secretariat',
  question: 'Who in your team will read new injects, and who will write messages to other States?',
  reference: 'CBM reference card',
  cbm8: 'Points of contact',
  live: 'Live',
};

function reading(lang: 'ru' | 'fr', team: 'esterra' | 'norhaven', reference: string, live: string): Reading {
  return {
    team: translated(lang, `teams.${team}.name`),
    briefing: stripBold(translated(lang, `teams.${team}.briefing`)),
    welcome: translated(lang, 'injects.welcome.title'),
    commCheck: translated(lang, 'injects.comm-check.title'),
    question: translated(lang, 'phases.getting-started.questions.gs-q1.text'),
    reference,
    cbm8: cbmTitle(lang, '8'),
    live,
  };
}

const RU = reading('ru', 'esterra', 'Справочная карточка МД', 'В эфире');
const FR = reading('fr', 'norhaven', 'Fiche de référence des MDC', 'En direct');

/** A workshop and a tutorial exercise, not started; returns its id and join codes by team key. */
async function createTutorial(fac: Page, title: string) {
  const w = await apiPost<{ workshop: { id: number } }>(fac, '/workshops', {
    title: `${title} workshop`,
    host_organisation: 'OSCE',
    place: 'Vienna',
    starts_on: '2026-03-02',
    ends_on: '2026-03-02',
    language: 'en',
    participants: [],
    facilitator_ids: [],
  });
  const e = await apiPost<{ exercise: { id: number; teams: { key: string; join_code: string }[] } }>(fac, '/exercises', {
    workshop_id: w.workshop.id,
    scenario_id: 'tutorial-first-contact',
    title,
  });
  const codes: Record<string, string> = {};
  for (const t of e.exercise.teams) codes[t.key] = t.join_code;
  return { id: e.exercise.id, codes };
}

/**
 * Joins in a browser whose language is `locale`; `pick` chooses another language on the
 * join page (whose words then change to it). Returns the room.
 */
async function joinIn(browser: Browser, locale: string, code: string, name: string, r: Reading, pick?: string): Promise<Page> {
  const ctx = await browser.newContext({ baseURL: baseURL(), viewport: { width: 1280, height: 900 }, locale });
  const page = await ctx.newPage();
  await page.goto(`/join?code=${encodeURIComponent(code)}`);
  const language = page.locator('select').first();
  if (pick) await language.selectOption(pick);
  await page.locator('input[autocomplete="name"]').fill(name);
  await page.locator('form button[type="submit"]').click();
  await expect(page).toHaveURL(/\/exercises\/\d+\/room$/);
  await expect(page.getByRole('heading', { level: 1, name: r.team })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: r.live })).toBeVisible();
  return page;
}

/** The room shows the briefing, both injects, the phase question and CBM 8 in the reader's language. */
async function expectRoomIn(room: Page, r: Reading) {
  await expect(room.locator('.ex-briefing').getByText(r.briefing, { exact: true })).toBeVisible();
  const feed = room.locator('.ex-feed');
  await expect(feed.getByRole('heading', { name: r.welcome })).toBeVisible();
  await expect(feed.getByRole('heading', { name: r.commCheck })).toBeVisible();
  await expect(room.getByRole('textbox', { name: r.question })).toBeVisible();
  const reference = room.locator('.msg-cbm-reference');
  await reference.getByText(r.reference).click();
  await expect(reference.locator('[data-cbm="8"] dt')).toContainText(r.cbm8);
  // Everything is translated: nothing is marked as shown in the source language.
  await expect(room.locator('.ex-fallback-mark')).toHaveCount(0);
}

test('three delegations read the exercise in English, Russian and French; the facilitator reads the source and the Russian text', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const fac = page;
  await fac.setViewportSize({ width: 1280, height: 900 });
  await signIn(fac);
  const ex = await createTutorial(fac, `Languages ${Date.now()}`);

  // English by default; Russian because the browser is Russian; French chosen on the join page.
  const en = await joinIn(browser, 'en-GB', ex.codes.valdoria!, 'Victor', EN);
  const ru = await joinIn(browser, 'ru-RU', ex.codes.esterra!, 'Елена', RU);
  const fr = await joinIn(browser, 'en-GB', ex.codes.norhaven!, 'Nadia', FR, 'fr');
  try {
    await expect(ru.getByRole('combobox', { name: 'Язык' })).toHaveValue('ru');
    await expect(fr.getByRole('combobox', { name: 'Langue' })).toHaveValue('fr');

    // The facilitator starts the clock: the welcome inject is due at once.
    await fac.goto(`/exercises/${ex.id}/console`);
    await expect(fac.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
    await fac.getByRole('button', { name: 'Start', exact: true }).click();
    await consoleTab(fac, 'Injects');
    const timeline = fac.locator('.ex-timeline');
    const welcomeRow = timeline.locator('tr[data-inject-key="welcome"]');
    await expect(welcomeRow.getByText('Released')).toBeVisible();
    // ... and releases the communication check (due at two minutes) by hand.
    const checkRow = timeline.locator('tr[data-inject-key="comm-check"]');
    await checkRow.getByRole('button', { name: 'Release now' }).click();
    await expect(checkRow.getByText('Released')).toBeVisible();

    await expectRoomIn(en, EN);
    await expectRoomIn(ru, RU);
    await expectRoomIn(fr, FR);
    await expect(ru.locator('html')).toHaveAttribute('lang', 'ru');

    // The facilitator reads the source (English) and the Russian text of the inject.
    await expect(welcomeRow.getByRole('rowheader')).toContainText('Welcome to the exercise');
    await expect(checkRow.getByRole('rowheader')).toContainText('Communication check from the OSCE Secretariat');
    const toggle = checkRow.getByRole('button', { name: 'Translations: Communication check from the OSCE Secretariat' });
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const texts = timeline.locator('tr[data-inject-texts="comm-check"]');
    const items = texts.getByRole('listitem');
    await expect(items.first()).toHaveAttribute('data-language', 'en');
    await expect(items.first().getByText('source', { exact: true })).toBeVisible();
    const russian = texts.locator('li[data-language="ru"]');
    await expect(russian.getByText(RU.commCheck, { exact: true })).toBeVisible();
    await expect(russian.getByText(RU.commCheck, { exact: true })).toHaveAttribute('lang', 'ru');
    await expect(russian.getByText('Translated')).toBeVisible();
    await expect(texts.locator('li[data-language="fr"]').getByText(FR.commCheck, { exact: true })).toBeVisible();
    if (SHOT_DIR) {
      // The inject's row just below the console's sticky bar and tabs, its texts under it.
      await fac.setViewportSize({ width: 1280, height: 1400 });
      await checkRow.evaluate((row) => {
        const covered = [...document.querySelectorAll('.ex-console-bar, .ex-tablist')].reduce((h, el) => h + el.getBoundingClientRect().height, 0);
        window.scrollBy(0, row.getBoundingClientRect().top - covered - 110);
      });
      await fac.screenshot({ path: pathJoin(SHOT_DIR, 'room-lang-console-languages-1280.png') });
      await fac.setViewportSize({ width: 1280, height: 900 });
    }

    // Screenshots of the rooms, wide and on a phone (reloaded: the phone's own layout).
    for (const [room, lang, r] of [
      [ru, 'ru', RU],
      [fr, 'fr', FR],
    ] as const) {
      await room.evaluate(() => window.scrollTo(0, 0));
      await shot(room, `room-lang-${lang}-1280.png`);
      await room.setViewportSize({ width: 390, height: 844 });
      await room.reload();
      await expect(room.locator('.ex-feed').getByRole('heading', { name: r.welcome })).toBeVisible();
      await shot(room, `room-lang-${lang}-390.png`);
    }

    // A delegate who changes language reads everything again in it: the injects of the
    // stream replace the English ones, the briefing and the CBM reference follow.
    await en.getByRole('combobox', { name: 'Language' }).selectOption('ru');
    await expect(en.getByRole('combobox', { name: 'Язык' })).toHaveValue('ru');
    const enFeed: Locator = en.locator('.ex-feed');
    await expect(enFeed.getByRole('heading', { name: RU.welcome })).toBeVisible();
    await expect(enFeed.getByRole('heading', { name: EN.welcome })).toHaveCount(0);
    await expect(en.getByRole('heading', { level: 1, name: translated('ru', 'teams.valdoria.name') })).toBeVisible();
    await expect(en.locator('.ex-briefing').getByText(stripBold(translated('ru', 'teams.valdoria.briefing')), { exact: true })).toBeVisible();
    await expect(en.locator('.msg-cbm-reference [data-cbm="8"] dt')).toContainText(RU.cbm8);
    await expect(en.getByRole('status').filter({ hasText: RU.live })).toBeVisible();
  } finally {
    await Promise.all([en, ru, fr].map((p) => p.context().close()));
  }
});

test('a text without a current translation is shown in the source language, marked, and the facilitator sees which', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const fac = page;
  await signIn(fac);
  // A copy of the tutorial whose Russian translation has only two texts.
  const id = `tutorial-partly-ru-${Date.now()}`;
  const source = readFileSync(pathJoin(root, 'scenarios', 'tutorial-first-contact.yaml'), 'utf8').replace(/^id: .*$/m, `id: ${id}`);
  const csrf = { 'X-CSRF-Token': (await fac.context().cookies()).find((c) => c.name === 'cbmex_csrf')?.value ?? '' };
  const stored = await fac.request.post(`/api/v1/scenarios?filename=${id}.yaml`, { data: source, headers: { ...csrf, 'Content-Type': 'application/yaml' } });
  expect(stored.ok(), await stored.text()).toBeTruthy();
  const question = translated('ru', 'phases.getting-started.questions.gs-q1.text');
  const saved = await fac.request.put(`/api/v1/scenarios/${id}/translations/ru`, {
    data: { texts: { 'injects.welcome.title': RU.welcome, 'phases.getting-started.questions.gs-q1.text': question } },
    headers: csrf,
  });
  expect(saved.ok(), await saved.text()).toBeTruthy();

  const w = await apiPost<{ workshop: { id: number } }>(fac, '/workshops', {
    title: `Partly translated ${Date.now()}`,
    host_organisation: 'OSCE',
    place: 'Vienna',
    starts_on: '2026-03-02',
    ends_on: '2026-03-02',
    language: 'ru',
    participants: [],
    facilitator_ids: [],
  });
  const e = await apiPost<{ exercise: { id: number; teams: { key: string; join_code: string }[] } }>(fac, '/exercises', {
    workshop_id: w.workshop.id,
    scenario_id: id,
    title: 'Частичный перевод',
  });
  await apiPost(fac, `/exercises/${e.exercise.id}/start`);
  const code = e.exercise.teams.find((t) => t.key === 'esterra')!.join_code;
  const ru = await joinIn(browser, 'ru-RU', code, 'Елена', { ...RU, team: TEAMS.esterra });
  try {
    const card = ru.locator('article[data-inject-key="welcome"]');
    // The title is translated; the sender and the body are not: they are in English, each
    // marked, with their language set.
    await expect(card.getByRole('heading', { name: RU.welcome, exact: true })).toBeVisible();
    await expect(card.locator('.ex-fallback-mark')).toHaveText(['Оригинал на английском', 'Оригинал на английском']);
    await expect(card.getByText('Exercise control', { exact: true })).toHaveAttribute('lang', 'en');
    await expect(card.locator('.ex-inject-body')).toHaveAttribute('lang', 'en');
    await expect(card.locator('.ex-inject-body')).toContainText('Welcome! This short tutorial takes 15 minutes.');
    // The briefing has no translation at all: one mark for it.
    await expect(ru.locator('.ex-briefing-team .ex-fallback-mark')).toHaveText('Оригинал на английском');
    await expect(ru.locator('.ex-briefing-team')).toHaveAttribute('lang', 'en');
    // One question translated, the other in English and said so in its field's name.
    await expect(ru.getByRole('textbox', { name: question, exact: true })).toBeVisible();
    const untranslated = "Who is your State's policy point of contact, and who is the technical one? Where did you find this?";
    await expect(ru.getByRole('textbox', { name: `${untranslated} Оригинал на английском`, exact: true })).toBeVisible();
    await expect(ru.getByText(untranslated, { exact: true })).toHaveAttribute('lang', 'en');
    await ru.evaluate(() => window.scrollTo(0, 0));
    await shot(ru, 'room-lang-fallback-ru-1280.png');

    // The facilitator reads the source, unmarked, and sees that the Russian text is incomplete.
    await fac.goto(`/exercises/${e.exercise.id}/console`);
    await consoleTab(fac, 'Injects');
    const row = fac.locator('.ex-timeline tr[data-inject-key="welcome"]');
    await expect(row.getByRole('rowheader')).toContainText('Welcome to the exercise');
    await expect(fac.locator('.ex-timeline .ex-fallback-mark')).toHaveCount(0);
    await row.getByRole('button', { name: 'Translations: Welcome to the exercise' }).click();
    const russian = fac.locator('tr[data-inject-texts="welcome"] li[data-language="ru"]');
    await expect(russian.getByText('Not translated')).toBeVisible();
    await expect(russian.getByText('Teams reading in this language see the source text.')).toBeVisible();
  } finally {
    await ru.context().close();
  }
});
