import { mkdirSync } from 'node:fs';
import { join as pathJoin } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { baseURL } from './env';
import { apiPost, join, signIn, startTutorial, TEAMS } from './live-helpers';

// The console as one screen for the live exercise: mid-exercise at 1280×800 the clock and
// the next injects stay in view however far the page scrolls, the page is short, the tabs
// count what waits; at 390 px nothing scrolls sideways but the tablist.
test.use({ baseURL: baseURL(), viewport: { width: 1280, height: 800 }, trace: 'off' });

// Set CBMEX_SHOT_DIR to keep screenshots of the console (1280×800, 1920×1080) and of the live log in English and Russian.
const SHOT_DIR = process.env.CBMEX_SHOT_DIR;
async function shot(target: Page | Locator, name: string) {
  if (!SHOT_DIR) return;
  mkdirSync(SHOT_DIR, { recursive: true });
  await target.screenshot({ path: pathJoin(SHOT_DIR, name) });
}

/** The page's height and whether it scrolls sideways. */
const measure = (page: Page) =>
  page.evaluate(() => ({
    height: document.documentElement.scrollHeight,
    sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
  }));

/** What sticks out of a phone's page, outside the tablist (which scrolls by itself). */
const widest = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getClientRects().length && e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('[role="tablist"]'))
      .slice(0, 10)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)} px)`)
      .join(', '),
  );

const tab = (page: Page, name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) });

test('the console keeps the clock and the next injects in view, and its panels in tabs', async ({ page, browser }) => {
  test.setTimeout(150_000);
  const fac = page;
  await signIn(fac);
  const ex = await startTutorial(fac, `Console layout ${Date.now()}`);
  const got = (await (await fac.request.get(`/api/v1/exercises/${ex.id}`)).json()) as { exercise: { teams: { id: number; key: string }[] } };
  const id = (key: string) => got.exercise.teams.find((t) => t.key === key)!.id;
  const contexts = await Promise.all([0, 1, 2].map(() => browser.newContext({ baseURL: baseURL() })));
  try {
    const [val, est, nor] = await Promise.all(contexts.map((c) => c.newPage()));
    await join(val!, ex.codes.valdoria!, 'Victor', TEAMS.valdoria);
    await join(est!, ex.codes.esterra!, 'Elena', TEAMS.esterra);
    await join(nor!, ex.codes.norhaven!, 'Nils', TEAMS.norhaven);

    // Mid-exercise: the first injects out, one held, a few messages, an open request, a
    // communication check one team of three has acknowledged.
    await apiPost(fac, `/exercises/${ex.id}/injects/norhaven-empty-entry/release`);
    await apiPost(fac, `/exercises/${ex.id}/injects/comm-check/release`);
    await apiPost(fac, `/exercises/${ex.id}/injects/esterra-hoster-call/hold`);
    await apiPost(val!, `/exercises/${ex.id}/messages`, {
      to: [id('esterra')],
      channel: 'poc_hotline',
      subject: 'Phishing servers hosted in Esterra',
      body: 'Can you look at 203.0.113.45?',
      cbms: ['8'],
    });
    await apiPost(est!, `/exercises/${ex.id}/messages`, {
      to: [id('valdoria')],
      channel: 'poc_hotline',
      subject: 'Re: Phishing servers hosted in Esterra',
      body: 'We are looking into it.',
      cbms: ['8'],
    });
    await apiPost(nor!, `/exercises/${ex.id}/messages`, {
      to: [id('valdoria')],
      channel: 'consultation_request',
      kind: 'consultation',
      subject: 'Consultations on the phishing servers',
      body: 'Norhaven asks for consultations before any public statement.',
      cbms: ['3'],
    });
    const check = await apiPost<{ id: number }>(fac, `/exercises/${ex.id}/commchecks`, { text: 'Please acknowledge this check.' });
    await apiPost(val!, `/exercises/${ex.id}/commchecks/${check.id}/ack`);

    await fac.goto(`/exercises/${ex.id}/console`);
    await expect(fac.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
    // The tabs count what waits: the open request, the two teams behind on the check.
    await expect(tab(fac, 'Requests')).toHaveAccessibleName('Requests (1 open request)');
    await expect(tab(fac, 'Contacts and checks')).toHaveAccessibleName(
      'Contacts and checks (2 teams have not acknowledged the latest communication check)',
    );
    await expect(tab(fac, 'Requests').locator('.ex-tab-count')).toHaveText('1');

    const clock = fac.getByRole('timer');
    const next = fac.getByRole('region', { name: 'Next injects' });
    await expect(next.getByRole('listitem')).toHaveCount(3);
    // The held inject first (it waits for a facilitator), then the pending ones by time.
    await expect(next.getByRole('listitem').nth(0)).toContainText(/no time set.*Held.*A hosting company calls NCSC Esterra/);
    await expect(next.getByRole('listitem').nth(1)).toContainText(/in \d:\d\d · 00:05:00.*VAL-CERT: phishing wave/);
    await expect(next.getByRole('listitem').nth(2)).toContainText(/in \d+:\d\d · 00:10:00.*Esterra attacks Valdoria/);
    await expect(next.getByRole('button', { name: /^Release now: VAL-CERT/ })).toHaveAttribute('aria-keyshortcuts', 'R');
    await expect(fac.getByRole('button', { name: 'Pause' })).toHaveAttribute('aria-keyshortcuts', 'P');
    await expect(fac.locator('tr[data-inject-key="comm-check"]').getByText('Released')).toBeVisible();

    const first = await measure(fac);
    console.log(`console height at 1280×800 mid-exercise: ${first.height}px`);
    expect(first.height).toBeLessThanOrEqual(1.5 * 800);
    await expect(clock).toBeInViewport();
    await expect(next).toBeInViewport();
    await shot(fac, 'console-1280.png');

    // However long a panel, the header stays: the monitor, scrolled to its end.
    await tab(fac, 'Messages').click();
    await expect(fac.getByRole('region', { name: 'All traffic' }).getByText('3 of 3 messages')).toBeVisible();
    await fac.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect(clock).toBeInViewport();
    await expect(next).toBeInViewport();
    await expect(tab(fac, 'Messages')).toBeInViewport();
    // "Activity per team" fits its panel: no column cut or scrolled away.
    const activity = fac.getByRole('region', { name: 'Activity per team' });
    await expect(activity.getByRole('row', { name: new RegExp(TEAMS.norhaven) }).getByRole('cell').nth(0)).toHaveText('1');
    const fits = await activity.locator('.table-wrap').evaluate((w) => w.scrollWidth <= w.clientWidth);
    expect(fits, 'the activity table is wider than its panel').toBe(true);
    const panel = (await activity.boundingBox())!;
    for (const h of await activity.getByRole('columnheader').all()) {
      const box = (await h.boundingBox())!;
      expect(box.x + box.width, `the column ${await h.textContent()} is cut`).toBeLessThanOrEqual(panel.x + panel.width);
    }

    // The chosen tab survives a reload (per exercise, for the session).
    await fac.reload();
    await expect(tab(fac, 'Messages')).toHaveAttribute('aria-selected', 'true');
    await tab(fac, 'Injects').click();
    await fac.evaluate(() => window.scrollTo(0, 0));

    // 1920×1080: the live log beside the tabs.
    await fac.setViewportSize({ width: 1920, height: 1080 });
    const log = fac.locator('aside.ex-console-side');
    await expect(log.getByRole('heading', { name: 'Live log' })).toBeVisible();
    await expect(tab(fac, 'Live log')).toHaveCount(0);
    await expect(log.getByText('Republic of Valdoria acknowledged the communication check')).toBeVisible();
    const [tabsBox, logBox] = [await fac.locator('.ex-tabs').boundingBox(), await log.boundingBox()];
    expect(logBox!.x).toBeGreaterThan(tabsBox!.x + tabsBox!.width - 1);
    await shot(fac, 'console-1920.png');

    // The live log in English and, with the UI language switched, in Russian.
    const logCard = log.locator('section:has(> h2#log-title)');
    await shot(logCard, 'live-log-en.png');
    await fac.getByLabel('Language').selectOption('ru');
    await expect(log.getByRole('heading', { name: 'Журнал в реальном времени' })).toBeVisible();
    await expect(log.getByText('Республика Валдория: проверка связи подтверждена').or(log.getByText(/проверка связи подтверждена/)).first()).toBeVisible();
    await expect(tab(fac, 'Вводные')).toBeVisible();
    await shot(logCard, 'live-log-ru.png');
    await fac.getByLabel('Язык').selectOption('en');
    await expect(tab(fac, 'Injects')).toBeVisible();

    // 390 px: nothing scrolls sideways, on any tab; the tablist scrolls within itself.
    await fac.setViewportSize({ width: 390, height: 844 });
    await expect(tab(fac, 'Live log')).toHaveCount(1);
    await shot(fac, 'console-390.png');
    for (const t of await fac.getByRole('tab').all()) {
      await t.click();
      const { sideways } = await measure(fac);
      expect(sideways, `the page scrolls sideways at 390 px on the tab ${await t.textContent()}: ${sideways ? await widest(fac) : ''}`).toBe(false);
    }
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});
