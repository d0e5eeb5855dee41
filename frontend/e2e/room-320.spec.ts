import { mkdirSync } from 'node:fs';
import { join as pathJoin } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { baseURL } from './env';
import { apiPost, join, signIn, startTutorial, TEAMS } from './live-helpers';

// The room on the narrowest phones (320 px): the injects come first, the open composer
// keeps the page as wide as the screen, the CBM picker is folded so that Send is not
// behind sixteen checkboxes, and a new message comes in over the stream without the
// room fetching the list of messages again.
test.use({ baseURL: baseURL(), trace: 'off' });

// Set CBMEX_SHOT_DIR to keep the screenshots (docs/screenshots/room-320-*.png).
const SHOT_DIR = process.env.CBMEX_SHOT_DIR;
async function shot(page: Page, name: string) {
  if (!SHOT_DIR) return;
  mkdirSync(SHOT_DIR, { recursive: true });
  await page.screenshot({ path: pathJoin(SHOT_DIR, name), fullPage: true });
}

const pageWidth = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth);

async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
  expect(summary, `${what}: ${bad.length} serious or critical axe violations`).toEqual([]);
}

test('at 320 px the room shows the injects first and the open composer fits the screen', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page);
  const ex = await startTutorial(page, `Room 320 ${Date.now()}`);
  const phone = () => browser.newContext({ baseURL: baseURL(), viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true, locale: 'en-GB' });
  const [valCtx, estCtx] = [await phone(), await phone()];
  try {
    const val = await valCtx.newPage();
    const est = await estCtx.newPage();
    const messageLists: string[] = [];
    val.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (r.method() === 'GET' && path === `/api/v1/exercises/${ex.id}/messages`) messageLists.push(path);
    });
    await join(val, ex.codes.valdoria!, 'Victor', TEAMS.valdoria);
    await join(est, ex.codes.esterra!, 'Elena', TEAMS.esterra);

    // The first inject is on the first screen, before the messages.
    const firstInject = val.locator('.ex-feed-list > li').first();
    await expect(firstInject).toBeVisible();
    const messages = val.getByRole('heading', { level: 2, name: /^Messages/ });
    expect((await firstInject.boundingBox())!.y).toBeLessThan(640);
    expect((await firstInject.boundingBox())!.y).toBeLessThan((await messages.boundingBox())!.y);
    expect(await pageWidth(val)).toBeLessThanOrEqual(320);
    await shot(val, 'room-320-en.png');
    await expectAccessible(val, 'room at 320 px');

    // A message from Esterra arrives over the stream: the room adds it, and does not
    // fetch the whole list again.
    await expect.poll(() => messageLists.length).toBe(1);
    const r = await val.request.get(`/api/v1/exercises/${ex.id}`);
    const valId = ((await r.json()) as { exercise: { teams: { id: number; key: string }[] } }).exercise.teams.find((t) => t.key === 'valdoria')!.id;
    await apiPost(est, `/exercises/${ex.id}/messages`, {
      channel: 'poc_hotline',
      to_control: false,
      all: false,
      to: [valId],
      subject: 'Can your CERT confirm the outage?',
      body: 'Esterra sees the same outage since this morning.',
      cbms: ['8'],
      kind: '',
    });
    await expect(messages).toContainText('1 unread');
    expect(messageLists).toHaveLength(1);

    // The composer: as wide as the screen, its CBM picker folded, Send within reach.
    const inbox = val.getByRole('region', { name: /^Messages/ });
    await inbox.getByRole('button', { name: 'New message' }).click();
    const form = val.getByRole('form', { name: 'New message' });
    await expect(form).toBeVisible();
    expect(await pageWidth(val)).toBeLessThanOrEqual(320);
    await form.getByRole('checkbox', { name: TEAMS.esterra, exact: true }).check();
    expect(await form.getByRole('checkbox').count()).toBeLessThan(16);
    const others = form.locator('details').filter({ has: val.getByText(/^Other CBMs/) });
    await expect(others).not.toHaveAttribute('open', '');
    await form.getByLabel('Subject', { exact: true }).fill('Yes: our grid operator reports it too');
    await form.getByRole('button', { name: 'Send', exact: true }).scrollIntoViewIfNeeded();
    expect(await pageWidth(val)).toBeLessThanOrEqual(320);
    await shot(val, 'room-composer-320-en.png');
    await expectAccessible(val, 'room at 320 px, composer open');
    await others.locator('summary').click();
    await expect(form.getByRole('checkbox', { name: /^CBM \d+:/ })).toHaveCount(16);
    expect(await pageWidth(val)).toBeLessThanOrEqual(320);

    // In Russian.
    await est.getByLabel('Language').selectOption('ru');
    await expect(est.getByRole('heading', { level: 2, name: 'Вводные' })).toBeVisible();
    expect(await pageWidth(est)).toBeLessThanOrEqual(320);
    await shot(est, 'room-320-ru.png');
  } finally {
    await valCtx.close();
    await estCtx.close();
  }
});
