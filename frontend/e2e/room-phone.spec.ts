import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join as pathJoin } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { baseURL } from './env';
import { apiPost, join, signIn, TEAMS } from './live-helpers';

// The room on a phone: the injects and the messages come first, the directory and the
// CBM reference after; the composer (with a scenario's own channels beside the six
// defaults) never makes the page wider than the screen, and its Send button is not
// behind sixteen checkboxes.
test.use({ baseURL: baseURL(), trace: 'off' });

// Set CBMEX_SHOT_DIR to keep screenshots of the room (390 px in English and Russian, 1280 px).
const SHOT_DIR = process.env.CBMEX_SHOT_DIR;
async function shot(page: Page, name: string) {
  if (!SHOT_DIR) return;
  mkdirSync(SHOT_DIR, { recursive: true });
  await page.screenshot({ path: pathJoin(SHOT_DIR, name), fullPage: true });
}

const here = dirname(fileURLToPath(import.meta.url));
const TUTORIAL = readFileSync(pathJoin(here, '..', '..', 'scenarios', 'tutorial-first-contact.yaml'), 'utf8');

// Ten channels of the scenario's own (the most a scenario may add), with titles as long
// as real ones get.
const EXTRA_CHANNELS = [
  'Regional CERT coordination bridge of the Northern Sea States (technical, encrypted)',
  'Law-enforcement 24/7 contact points network (police to police)',
  'Energy sector operators’ incident exchange',
  'Ministry of Foreign Affairs crisis cell',
  'Health-sector information sharing and analysis centre',
  'Telecommunications regulators’ working group',
  'Financial-sector CSIRT liaison',
  'Election commission hotline',
  'Submarine cable operators’ bridge',
  'Vendor product security incident response team (PSIRT)',
];

/** The tutorial with ten more channels, stored as a new scenario; returns its id. */
async function importManyChannels(fac: Page): Promise<string> {
  const id = `tutorial-many-channels-${Date.now()}`;
  const channels = EXTRA_CHANNELS.map((title, i) => `  - key: extra-${i + 1}\n    title: "${title}"\n    cbms: [${(i % 16) + 1}]\n`).join('');
  const text = TUTORIAL.replace(/^id: .*$/m, `id: ${id}`).replace(/^teams:$/m, `channels:\n${channels}\nteams:`);
  const csrf = (await fac.context().cookies()).find((c) => c.name === 'cbmex_csrf')?.value ?? '';
  const res = await fac.request.post(`/api/v1/scenarios?filename=${id}.yaml`, {
    data: text,
    headers: { 'Content-Type': 'application/yaml', 'X-CSRF-Token': csrf },
  });
  expect(res.ok(), await res.text()).toBeTruthy();
  return id;
}

async function startExercise(fac: Page, scenario: string): Promise<{ id: number; codes: Record<string, string> }> {
  const w = await apiPost<{ workshop: { id: number } }>(fac, '/workshops', {
    title: `Phone room ${Date.now()}`,
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
    scenario_id: scenario,
    title: 'Phone room',
  });
  await apiPost(fac, `/exercises/${e.exercise.id}/start`);
  return { id: e.exercise.id, codes: Object.fromEntries(e.exercise.teams.map((t) => [t.key, t.join_code])) };
}

/** How much wider than the window the page is (0 when it fits). */
async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

const top = async (l: Locator) => (await l.boundingBox())!.y;

test('on a phone the room shows injects and messages first, and the open composer fits 390 and 320 px', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const fac = page;
  await signIn(fac);
  const ex = await startExercise(fac, await importManyChannels(fac));

  const ctxs: BrowserContext[] = [];
  const phone = async (w = 390) => {
    const c = await browser.newContext({ baseURL: baseURL(), viewport: { width: w, height: 844 }, isMobile: true, hasTouch: true });
    ctxs.push(c);
    return c.newPage();
  };
  try {
    const val = await phone();
    const est = await phone();
    await join(val, ex.codes.valdoria!, 'Victor', TEAMS.valdoria);
    await join(est, ex.codes.esterra!, 'Elena', TEAMS.esterra);
    await apiPost(est, `/exercises/${ex.id}/messages`, {
      channel: 'extra-1',
      to_control: false,
      all: false,
      subject: 'Who is your duty officer this week?',
      body: 'Esterra’s CERT would like to agree a contact for the coming days.',
      cbms: ['1'],
      kind: '',
      ...(await teamIds(val, ex.id)),
    });

    // Order on the phone: injects, then messages, then the directory and the CBM reference.
    const injects = val.getByRole('heading', { level: 2, name: 'Injects' });
    const messages = val.getByRole('heading', { level: 2, name: /^Messages/ });
    const directory = val.getByRole('heading', { level: 2, name: 'Points-of-contact directory' });
    const reference = val.getByRole('heading', { level: 2, name: 'CBM reference card' });
    await expect(messages).toContainText('1 unread');
    expect(await top(injects)).toBeLessThan(await top(messages));
    expect(await top(messages)).toBeLessThan(await top(directory));
    expect(await top(directory)).toBeLessThan(await top(reference));
    // The briefing starts folded, so that the injects are in the first screen.
    expect(await top(injects)).toBeLessThan(844);

    // The banner opens the new message's conversation.
    const inbox = val.getByRole('region', { name: /^Messages/ });
    await val.getByTestId('message-announcer').getByRole('button', { name: 'Open' }).click();
    await expect(inbox.getByRole('region', { name: /^Conversation: Who is your duty officer/ })).toBeVisible();

    // Sixteen channels are one select.
    await expect(inbox.getByLabel('Show', { exact: true }).locator('option')).toHaveCount(17);
    expect(await overflow(val)).toBeLessThanOrEqual(0);

    await inbox.getByRole('button', { name: 'New message' }).click();
    const form = val.getByRole('form', { name: 'New message' });
    await form.getByLabel('Channel', { exact: true }).selectOption({ label: EXTRA_CHANNELS[0]! });
    await form.getByRole('checkbox', { name: TEAMS.esterra, exact: true }).check();
    // Between the top of the form and Send: the recipients (two States, the control cell, the
    // Secretariat) and the suggested CBM, not sixteen.
    await expect(form.getByRole('checkbox')).toHaveCount(5);
    await expect(form.getByRole('checkbox', { name: /CBM 1: National views/ })).toBeChecked();
    expect(await overflow(val)).toBeLessThanOrEqual(0);
    await form.getByText('Other CBMs (15)').click();
    await expect(form.getByRole('checkbox', { name: /^CBM \d+:/ })).toHaveCount(16);
    expect(await overflow(val)).toBeLessThanOrEqual(0);
    await form.getByText('Other CBMs (15)').click();
    await form.getByLabel('Subject', { exact: true }).fill('Our duty officer: the CERT’s incident desk');
    await form.getByLabel('Message', { exact: true }).fill('Valdoria’s VAL-CERT incident desk answers day and night.');
    await form.getByRole('button', { name: 'Send', exact: true }).scrollIntoViewIfNeeded();
    await shot(val, 'room-390-en.png');

    // 320 px, the narrowest phones: still no sideways scrolling, composer open.
    await val.setViewportSize({ width: 320, height: 640 });
    expect(await overflow(val)).toBeLessThanOrEqual(0);
    await form.getByText('Other CBMs (15)').click();
    expect(await overflow(val)).toBeLessThanOrEqual(0);
    await form.getByText('Other CBMs (15)').click();
    await form.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(inbox.getByRole('region', { name: /^Conversation: Our duty officer/ })).toBeVisible();
    expect(await overflow(val)).toBeLessThanOrEqual(0);

    // In Russian, the same room at 390 px with the composer open.
    await est.getByLabel('Language').selectOption('ru');
    await est.getByTestId('message-announcer').getByRole('button', { name: 'Открыть' }).click();
    await expect(est.getByRole('region', { name: /^Переписка: Our duty officer/ })).toBeVisible();
    const estInbox = est.getByRole('region', { name: /^Сообщения/ });
    await estInbox.getByRole('button', { name: 'Новое сообщение' }).click();
    await expect(est.getByRole('form', { name: 'Новое сообщение' })).toBeVisible();
    expect(await overflow(est)).toBeLessThanOrEqual(0);
    await shot(est, 'room-390-ru.png');

    // The wide room (loaded wide, so the briefing is open): briefing, directory and
    // reference in the right-hand column.
    await val.setViewportSize({ width: 1280, height: 800 });
    await val.reload();
    await expect(val.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
    await inbox.getByRole('button', { name: 'New message' }).click();
    expect(await overflow(val)).toBeLessThanOrEqual(0);
    const briefing = val.getByRole('heading', { level: 2, name: 'Briefing' });
    expect((await briefing.boundingBox())!.x).toBeGreaterThan((await injects.boundingBox())!.x + 400);
    await shot(val, 'room-1280.png');
  } finally {
    for (const c of ctxs) await c.close();
  }
});

/** The message's recipient: Valdoria's team id, from the exercise as Valdoria sees it. */
async function teamIds(val: Page, id: number): Promise<{ to: number[] }> {
  const r = await val.request.get(`/api/v1/exercises/${id}`);
  const ex = (await r.json()) as { exercise: { teams: { id: number; key: string }[] } };
  return { to: [ex.exercise.teams.find((t) => t.key === 'valdoria')!.id] };
}
