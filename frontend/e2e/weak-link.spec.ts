// A participant behind a weak link (e2e/proxy.ts between Chromium and the server; the
// browser believes it is online throughout): a Send whose answer is lost is sent again
// by the room and stored once; writes made while the link is down wait in the room's
// outbox and go out by themselves, once, when it returns; a stalled link turns the
// badge to Offline. Set CBMEX_SHOT_DIR to keep screenshots of the offline banner
// (320 px, English and Russian) and of the outbox (390 px).
import { mkdirSync } from 'node:fs';
import { join as pathJoin } from 'node:path';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { baseURL } from './env';
import { join, signIn, startTutorial, TEAMS } from './live-helpers';
import { LinkProxy } from './proxy';

const SHOT_DIR = process.env.CBMEX_SHOT_DIR;
async function shot(target: Page | Locator, name: string) {
  if (!SHOT_DIR) return;
  mkdirSync(SHOT_DIR, { recursive: true });
  await target.screenshot({ path: pathJoin(SHOT_DIR, name) });
}

const WIDE = { width: 1280, height: 800 };
test.use({ baseURL: baseURL(), viewport: WIDE });

let proxy: LinkProxy;
test.beforeEach(async () => {
  proxy = new LinkProxy(new URL(baseURL() ?? 'http://127.0.0.1:1'));
  await proxy.start();
});
test.afterEach(async () => {
  await proxy.stop();
});

/** Valdoria joins through the proxy, Esterra directly; returns both pages and the exercise. */
async function twoTeams(page: Page, browser: Browser, title: string, viewport = WIDE) {
  await signIn(page);
  const { id, codes } = await startTutorial(page, title);
  const weak = await browser.newContext({ baseURL: proxy.url, viewport });
  const direct = await browser.newContext({ baseURL: baseURL(), viewport: WIDE });
  const [val, est] = [await weak.newPage(), await direct.newPage()];
  await join(val, codes.valdoria ?? '', 'Victor', TEAMS.valdoria);
  await join(est, codes.esterra ?? '', 'Elena', TEAMS.esterra);
  return { id, codes, val, est, close: () => Promise.all([weak.close(), direct.close()]) };
}

async function writeMessage(page: Page, subject: string) {
  await page.getByRole('region', { name: /^Messages/ }).getByRole('button', { name: 'New message' }).click();
  const form = page.getByRole('form', { name: 'New message' });
  await form.getByRole('checkbox', { name: TEAMS.esterra, exact: true }).check();
  await form.getByLabel('Subject', { exact: true }).fill(subject);
  await form.getByLabel('Message', { exact: true }).fill('Please take the pages down.');
  await form.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(form).toHaveCount(0);
}

/** Whether the room has kept a non-empty list of events in its IndexedDB store. */
function keptEvents(): Promise<boolean> {
  return new Promise((resolve) => {
    const open = indexedDB.open('cbmex-room');
    open.onerror = () => resolve(false);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('kv')) return resolve(false);
      const all = db.transaction('kv').objectStore('kv').getAll(IDBKeyRange.bound('events:', 'events;'));
      all.onerror = () => resolve(false);
      all.onsuccess = () => resolve((all.result as unknown[]).some((v) => Array.isArray(v) && v.length > 0));
      db.close();
    };
  });
}

async function messagesAt(page: Page, id: number, subject: string) {
  const res = await page.request.get(`/api/v1/exercises/${id}/messages`);
  const list = (await res.json()) as { messages: { subject: string }[] };
  return list.messages.filter((m) => m.subject === subject);
}

test('a message whose answer is lost is sent again by the room and stored once', async ({ page, browser }) => {
  const { id, val, est, close } = await twoTeams(page, browser, 'Weak link: lost answer');
  const path = `/api/v1/exercises/${id}/messages`;
  proxy.loseNextAnswer(new RegExp(`^POST ${path}$`));

  const subject = 'Servers in your country host the phishing pages';
  await writeMessage(val, subject);

  const posts = proxy.requests.filter((r) => r.method === 'POST' && r.path === path);
  expect(posts.length).toBeGreaterThanOrEqual(2);
  expect(new Set(posts.map((p) => p.idempotencyKey)).size).toBe(1);
  expect(posts[0]!.idempotencyKey).toMatch(/^[0-9a-f]{32}$/);
  expect(await messagesAt(est, id, subject)).toHaveLength(1);
  await expect(est.getByRole('region', { name: /^Messages/ }).getByText(subject).first()).toBeVisible();
  await close();
});

test('a message and a stage answer written while the link is down go out once when it returns', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const { id, val, est, close } = await twoTeams(page, browser, 'Weak link: link down', { width: 390, height: 844 });
  const answerBox = val.locator('.ex-answer textarea').first();
  await expect(answerBox).toBeVisible();
  // The worker has installed the room's shell, the composer included (it loads on first
  // use): "New message" must open with the link down.
  await val.waitForFunction(() => navigator.serviceWorker.controller !== null);

  proxy.down();
  const downSince = Date.now();
  const subject = 'Outage on the cable to Esterra';
  await writeMessage(val, subject);
  const answer = 'We inform the other States through the OSCE network within the hour.';
  await answerBox.fill(answer);

  const outbox = val.getByRole('region', { name: /^Waiting to be sent/ });
  await expect(outbox.getByRole('listitem')).toHaveCount(2, { timeout: 30_000 });
  await expect(outbox.getByRole('listitem').first()).toContainText('Will be sent when the connection is back');
  await outbox.scrollIntoViewIfNeeded();
  await shot(val, 'room-outbox-390-en.png');

  // The link stays down for 30 s in all, then returns; nothing is clicked.
  await val.waitForTimeout(Math.max(0, 30_000 - (Date.now() - downSince)));
  proxy.up();
  await expect(outbox).toHaveCount(0, { timeout: 30_000 });

  expect(await messagesAt(est, id, subject)).toHaveLength(1);
  const answers = (await (await page.request.get(`/api/v1/exercises/${id}/answers`)).json()) as {
    answers: { text: string }[];
  };
  expect(answers.answers.filter((a) => a.text === answer)).toHaveLength(1);
  const posts = proxy.requests.filter((r) => r.method === 'POST' && r.path === `/api/v1/exercises/${id}/messages`);
  expect(new Set(posts.map((p) => p.idempotencyKey)).size).toBe(1);
  await close();
});

test('a stalled link turns the badge to Offline and shows the banner', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const { codes, val, close } = await twoTeams(page, browser, 'Weak link: stall', { width: 320, height: 640 });
  // A second member of the delegation, reading in Russian, behind the same link.
  const ruCtx = await browser.newContext({ baseURL: proxy.url, viewport: { width: 320, height: 640 } });
  const ru = await ruCtx.newPage();
  await ru.goto(`/join?code=${encodeURIComponent(codes.valdoria ?? '')}`);
  await ru.getByLabel('Your name').fill('Виктор');
  await ru.getByLabel('Language').selectOption('ru');
  await ru.locator('button[type=submit]').click();
  await expect(ru).toHaveURL(/\/exercises\/\d+\/room$/);
  await expect(ru.locator('.ex-room-head h1')).toBeVisible();

  proxy.stall();
  await expect(val.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible({ timeout: 40_000 });
  const banner = val.getByRole('alert').filter({ hasText: 'The connection to the exercise is lost' });
  await expect(banner).toBeVisible();
  await shot(val, 'room-offline-banner-320-en.png');
  await expect(ru.locator('.ex-offline')).toBeVisible({ timeout: 40_000 });
  await expect(ru.locator('.ex-offline')).toContainText('Связь с учениями потеряна');
  await shot(ru, 'room-offline-banner-320-ru.png');
  await ruCtx.close();
  await close();
});

test('a reload without network opens the room with what it last showed, marked offline', async ({ page, browser }) => {
  const { val, close } = await twoTeams(page, browser, 'Weak link: offline reload');
  // The service worker takes the page over; a reload then goes through it and keeps the reads.
  await val.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await val.reload();
  await expect(val.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  await expect(val.locator('.ex-answer textarea').first()).toBeVisible();
  // The room keeps its events once the stream has been quiet for a moment
  // (KEEP_DELAY_MS); the reload below is the one after they were kept.
  await expect.poll(() => val.evaluate(keptEvents)).toBe(true);

  proxy.down();
  await val.reload();
  await expect(val.getByRole('heading', { level: 1, name: TEAMS.valdoria })).toBeVisible();
  await expect(val.getByRole('status').filter({ hasText: /^Offline$/ })).toBeVisible();
  await expect(val.getByText('You are offline: this is the room as it was when it was last connected.')).toBeVisible();
  await expect(val.locator('.ex-answer textarea').first()).toBeVisible();
  await close();
});
