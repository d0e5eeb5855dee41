import { expect, test, type Locator, type Page } from '@playwright/test';
import { baseURL } from './env';
import { apiPost, join, signIn, startTutorial, TEAMS } from './live-helpers';

// Text people type cannot break the page: a name with a right-to-left override
// (U+202E) does not reverse the words or the button after it, Arabic and Cyrillic
// names read as written, and a 150-character URL as a subject does not widen the room,
// the console or the report.
test.use({ baseURL: baseURL(), viewport: { width: 1280, height: 800 }, trace: 'off' });

const RLO_NAME = '\u202eVictor Example';
const ARABIC_NAME = 'سارة المنصوري';
const CYRILLIC_NAME = 'Алексей Петров';
const URL_SUBJECT = `https://cert.example.org/advisories/2026/${'q7w8e9r0t1'.repeat(12)}`.slice(0, 150);

/** The console's panel behind its tab, when the console has tabs. */
async function showConsolePanel(page: Page, tab: RegExp) {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const tabs = page.getByRole('tablist', { name: 'Console panels' });
  if ((await tabs.count()) > 0) await tabs.getByRole('tab', { name: tab }).click();
}

/** How much wider than the window the page is (0 or less when it fits). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

async function expectNoSidewaysScroll(page: Page, where: string) {
  await expect.poll(() => overflow(page), { message: `${where} is wider than the window by (px)` }).toBeLessThanOrEqual(0);
}

/**
 * Where `name` is drawn inside `line` and where what follows it starts: the text after
 * the name, or the next element (a status, a button). Without isolation, an override
 * in the name reverses the rest of the line: what follows is drawn to its left.
 */
function layoutAfter(line: Locator, name: string) {
  return line.evaluate((el, name) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let node: Text | null = null;
    while (walker.nextNode()) {
      if ((walker.currentNode as Text).data.includes(name)) {
        node = walker.currentNode as Text;
        break;
      }
    }
    if (!node) throw new Error(`no text "${name}" in ${el.outerHTML}`);
    const nameRange = document.createRange();
    const start = node.data.indexOf(name);
    nameRange.setStart(node, start);
    nameRange.setEnd(node, start + name.length);
    const box = nameRange.getBoundingClientRect();
    // Everything after the name, up to the end of the line's element.
    const after = document.createRange();
    after.setStart(node, start + name.length);
    after.setEndAfter(el.lastChild!);
    const rects = [...after.getClientRects()].filter((r) => r.width > 1 && Math.abs(r.top - box.top) < box.height);
    const holder = node.parentElement!;
    // The server closes an override a name leaves open (a PDF at its end): compare without the controls.
    const letters = (s: string | null) => (s ?? '').replace(/[\u202a-\u202e\u2066-\u2069]/g, '');
    return {
      nameLeft: box.left,
      nameRight: box.right,
      nameBottom: box.bottom,
      afterLeft: Math.min(...rects.map((r) => r.left)),
      // The element holding the name alone, and whether it is isolated.
      holderIsName: letters(holder.textContent) === letters(name),
      holderBidi: getComputedStyle(holder).unicodeBidi,
    };
  }, name);
}

test('a right-to-left override in a name does not reverse its neighbours; Arabic and Cyrillic names read as written', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const fac = page;
  await signIn(fac);
  const ex = await startTutorial(fac, `Bidi ${Date.now()}`);
  const ctxs = await Promise.all([0, 1, 2].map(() => browser.newContext({ baseURL: baseURL(), viewport: { width: 1280, height: 800 } })));
  try {
    const [val, est, nor] = await Promise.all(ctxs.map((c) => c.newPage()));
    await join(val!, ex.codes.valdoria!, RLO_NAME, TEAMS.valdoria);
    await join(est!, ex.codes.esterra!, ARABIC_NAME, TEAMS.esterra);
    await join(nor!, ex.codes.norhaven!, CYRILLIC_NAME, TEAMS.norhaven);

    // The console's list of participants: each name, then its status and its Remove button, left to right.
    await fac.goto(`/exercises/${ex.id}/console`);
    await showConsolePanel(fac, /^Teams/);
    for (const name of [RLO_NAME, ARABIC_NAME, CYRILLIC_NAME]) {
      const line = fac.locator('.ex-people li', { hasText: name });
      await expect(line).toContainText('(connected)');
      const l = await layoutAfter(line, name);
      expect(l.afterLeft, `what follows ${name} in the console`).toBeGreaterThanOrEqual(l.nameRight - 1);
      // The Remove button comes after the name: to its right, or on a line below.
      const button = (await line.getByRole('button', { name: /^Remove/ }).boundingBox())!;
      expect(button.x > l.nameRight || button.y >= l.nameBottom - 1, `the Remove button after ${name}`).toBe(true);
    }

    // In the room: "you are <name>", isolated.
    const you = val!.locator('.ex-room-head p.muted');
    const mine = await layoutAfter(you, RLO_NAME);
    expect(mine.holderIsName && mine.holderBidi).toBe('isolate');

    // A message from the RLO name, read by the Arabic name's team: "From <team> (<name>) to <team>".
    const teams = (await (await val!.request.get(`/api/v1/exercises/${ex.id}`)).json()) as { exercise: { teams: { id: number; key: string }[] } };
    const esterra = teams.exercise.teams.find((t) => t.key === 'esterra')!.id;
    await apiPost(val!, `/exercises/${ex.id}/messages`, {
      to: [esterra],
      channel: 'poc_hotline',
      subject: 'Who is your duty officer?',
      body: 'Our CERT would like a contact.',
      cbms: ['8'],
    });
    const inbox = est!.getByRole('region', { name: /^Messages/ });
    await inbox.getByRole('button', { name: /Who is your duty officer/ }).click();
    const from = inbox.locator('.msg-from');
    await expect(from).toContainText(`to ${TEAMS.esterra}`);
    const l = await layoutAfter(from, RLO_NAME);
    expect(l.holderIsName && l.holderBidi, 'the sender’s name sits in its own isolated element').toBe('isolate');
    expect(l.afterLeft, 'the text after the name starts to its right').toBeGreaterThanOrEqual(l.nameRight - 1);
    // The reply goes out under the Arabic name; the request's sender reads it as written.
    await inbox.getByRole('button', { name: 'Reply' }).click();
    const reply = est!.getByRole('form', { name: 'Reply' });
    await reply.getByLabel('Message', { exact: true }).fill('NCSC Esterra, incident desk.');
    await reply.getByRole('button', { name: 'Send', exact: true }).click();
    const valInbox = val!.getByRole('region', { name: /^Messages/ });
    await valInbox.getByRole('button', { name: /Who is your duty officer/ }).click();
    const arabic = valInbox.locator('.msg-from bdi', { hasText: ARABIC_NAME });
    await expect(arabic).toHaveText(ARABIC_NAME);
    expect(await arabic.evaluate((b) => getComputedStyle(b).unicodeBidi)).toBe('isolate');
  } finally {
    for (const c of ctxs) await c.close();
  }
});

test('a 150-character URL as a subject does not widen the room, the console or the report', async ({ page, browser }) => {
  test.setTimeout(120_000);
  expect(URL_SUBJECT).toHaveLength(150);
  const fac = page;
  await signIn(fac);
  const ex = await startTutorial(fac, `Long subject ${Date.now()}`);
  const ctxs = await Promise.all([0, 1].map(() => browser.newContext({ baseURL: baseURL(), viewport: { width: 1280, height: 800 } })));
  try {
    const [val, est] = await Promise.all(ctxs.map((c) => c.newPage()));
    await join(val!, ex.codes.valdoria!, 'Victor', TEAMS.valdoria);
    await join(est!, ex.codes.esterra!, 'Elena', TEAMS.esterra);

    // Sent from the room's composer, as a participant would.
    const inbox = val!.getByRole('region', { name: /^Messages/ });
    await inbox.getByRole('button', { name: 'New message' }).click();
    const form = val!.getByRole('form', { name: 'New message' });
    await form.getByRole('checkbox', { name: TEAMS.esterra, exact: true }).check();
    await form.getByLabel('Subject', { exact: true }).fill(URL_SUBJECT);
    await form.getByLabel('Message', { exact: true }).fill(`Details: ${URL_SUBJECT}`);
    await form.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(inbox.getByRole('region', { name: `Conversation: ${URL_SUBJECT}` })).toBeVisible();
    await expectNoSidewaysScroll(val!, 'the sender’s room');

    // The recipient: the banner, the list of conversations and the open thread.
    await expect(est!.getByTestId('message-announcer')).toContainText(URL_SUBJECT);
    await expectNoSidewaysScroll(est!, 'the room with the banner');
    await est!.getByTestId('message-announcer').getByRole('button', { name: 'Open' }).click();
    await expect(est!.getByRole('region', { name: `Conversation: ${URL_SUBJECT}` })).toBeVisible();
    await expectNoSidewaysScroll(est!, 'the room with the thread open');
    await est!.setViewportSize({ width: 390, height: 844 });
    await expectNoSidewaysScroll(est!, 'the room on a phone');

    // The console: the traffic monitor, the injects' timeline and the live log.
    await fac.goto(`/exercises/${ex.id}/console`);
    await showConsolePanel(fac, /^Messages/);
    const monitor = fac.getByRole('region', { name: 'All traffic' });
    await expect(monitor.getByRole('heading', { level: 4, name: URL_SUBJECT })).toBeVisible();
    await expectNoSidewaysScroll(fac, 'the console’s traffic monitor');
    await showConsolePanel(fac, /^Injects/);
    await expectNoSidewaysScroll(fac, 'the console’s timeline');
    await expect(fac.getByText(URL_SUBJECT).first()).toBeAttached();
    await expectNoSidewaysScroll(fac, 'the console with its live log');

    // The report's timeline, after the end.
    await apiPost(fac, `/exercises/${ex.id}/end`);
    await fac.goto(`/exercises/${ex.id}/report`);
    await expect(fac.locator('.rp-timeline').getByText(URL_SUBJECT)).toBeVisible();
    await expectNoSidewaysScroll(fac, 'the report');
  } finally {
    for (const c of ctxs) await c.close();
  }
});
