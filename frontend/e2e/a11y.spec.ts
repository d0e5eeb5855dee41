// axe-core on every page a workshop uses: no serious or critical violation (WCAG 2.1 A
// and AA rules). Each page is checked once it shows its content, in English.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { baseURL } from './env';
import { apiPost, join, signIn, startTutorial } from './live-helpers';

test.use({ baseURL: baseURL(), viewport: { width: 1280, height: 800 } });

async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
  expect(summary, `${what}: ${bad.length} serious or critical axe violations`).toEqual([]);
}

test('sign-in and join pages', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.getByLabel('Email address')).toBeVisible();
  await expectAccessible(page, 'sign-in');
  await page.goto('/join');
  await expect(page.getByLabel('Your name')).toBeVisible();
  await expectAccessible(page, 'join');
});

test('staff pages: home, scenarios, a translation, workshop, console, scoring, report, dashboard', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page);
  await expectAccessible(page, 'home');

  await page.goto('/scenarios');
  await expect(page.getByRole('heading', { level: 1, name: 'Scenarios' })).toBeVisible();
  await expectAccessible(page, 'scenario library');
  await page.getByRole('link', { name: /15-minute tutorial/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectAccessible(page, 'scenario');
  await page.getByRole('link', { name: 'Open side by side (Русский)' }).click();
  await expect(page.getByTestId('shown-count')).toBeVisible();
  await page.getByRole('radio', { name: /^All/ }).check();
  await expectAccessible(page, 'translation side by side');

  const { id, codes } = await startTutorial(page, 'Accessibility');
  const roomCtx = await browser.newContext({ baseURL: baseURL(), viewport: { width: 1280, height: 800 } });
  const room = await roomCtx.newPage();
  await join(room, codes.valdoria ?? '', 'Delegate A', 'Valdoria');
  await expectAccessible(room, 'room');

  await page.goto(`/exercises/${id}/console`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText('Live', { exact: true }).first()).toBeVisible();
  await expectAccessible(page, 'console');

  await apiPost(page, `/exercises/${id}/end`);
  await page.goto(`/exercises/${id}/scoring`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectAccessible(page, 'scoring');

  await page.goto(`/exercises/${id}/report`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectAccessible(page, 'report');

  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectAccessible(page, 'dashboard');

  await page.goto('/workshops');
  await page.getByRole('link', { name: 'Accessibility workshop' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Accessibility workshop' })).toBeVisible();
  await expectAccessible(page, 'workshop');
  await roomCtx.close();
});
