import { mkdirSync } from 'node:fs';
import { join as pathJoin } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { baseURL } from './env';
import { apiPost, signIn } from './live-helpers';

// The contact check before play: the organisers add a delegation, the delegation confirms its
// real points of contact on its own page without an account, and the workshop page shows who
// confirmed. Set CBMEX_SHOT_DIR to keep screenshots of the delegation's page.
test.use({ baseURL: baseURL(), viewport: { width: 1280, height: 800 } });
const SHOT_DIR = process.env.CBMEX_SHOT_DIR;

test('a delegation confirms its real contacts and the organisers see it', async ({ page, browser }) => {
  await signIn(page);
  const { workshop } = await apiPost<{ workshop: { id: number } }>(page, '/workshops', { title: 'Contact check workshop' });
  await page.goto(`/workshops/${workshop.id}`);
  const section = page.locator('section', { has: page.getByRole('heading', { name: 'Contact check before play' }) });
  await section.getByRole('textbox', { name: 'Delegation' }).fill('Delegation of Example');
  await section.getByRole('button', { name: 'Add' }).click();
  const link = section.getByRole('link', { name: 'Open' });
  await expect(link).toBeVisible();
  const path = await link.getAttribute('href');

  // The delegation, in a browser with no session, in Russian.
  const ctx = await browser.newContext({ baseURL: baseURL(), viewport: { width: 390, height: 844 } });
  const guest = await ctx.newPage();
  await guest.addInitScript(() => window.localStorage.setItem('cbmex.language', 'ru'));
  await guest.goto(path!);
  await expect(guest.getByRole('heading', { name: 'Проверка контактов — Delegation of Example' })).toBeVisible();
  await guest.getByLabel('Политическая точка контакта').fill('Г-жа А. Иванова, МИД, отдел кибердипломатии, +7 000 000 00 00');
  await guest.getByLabel('Техническая точка контакта').fill('Национальная группа CERT, дежурный, круглосуточно');
  await guest.getByRole('button', { name: 'Подтвердить наши контакты' }).click();
  await expect(guest.getByTestId('confirmed')).toContainText('Подтверждено');
  expect(await guest.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  const axe = await new AxeBuilder({ page: guest }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  if (SHOT_DIR) {
    mkdirSync(SHOT_DIR, { recursive: true });
    await guest.screenshot({ path: pathJoin(SHOT_DIR, 'contact-check-390-ru.png'), fullPage: true });
    await guest.setViewportSize({ width: 1280, height: 800 });
    await guest.screenshot({ path: pathJoin(SHOT_DIR, 'contact-check-1280-ru.png'), fullPage: true });
  }
  await ctx.close();

  await page.reload();
  await expect(section.getByTestId('contacts-count')).toHaveText('1 of 1 delegations confirmed');
  await expect(section.getByRole('row', { name: /Delegation of Example/ })).toContainText('МИД');
  if (SHOT_DIR) await section.screenshot({ path: pathJoin(SHOT_DIR, 'contact-check-workshop-1280-en.png') });
});
