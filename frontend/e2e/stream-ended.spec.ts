import { mkdirSync } from 'node:fs';
import { join as pathJoin } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, baseURL } from './env';
import { apiPost, join, signIn, startTutorial, TEAMS } from './live-helpers';

// An open live page whose access ends (sign-out in another tab, password change,
// removal from the workshop, expiry) is told so by the server's stream and stops,
// instead of showing "Live" while nothing can arrive any more.
test.use({ baseURL: baseURL(), viewport: { width: 1280, height: 800 }, trace: 'off' });

const SHOT_DIR = process.env.CBMEX_SHOT_DIR;
async function shots(page: Page, name: string) {
  if (!SHOT_DIR) return;
  mkdirSync(SHOT_DIR, { recursive: true });
  await page.screenshot({ path: pathJoin(SHOT_DIR, `${name}-1280.png`) });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: pathJoin(SHOT_DIR, `${name}-390.png`) });
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('signing out in another tab ends the open console and room', async ({ page, browser }) => {
  test.setTimeout(90_000);
  await signIn(page);
  const ex = await startTutorial(page, `Stream ended ${Date.now()}`);
  await page.goto(`/exercises/${ex.id}/console`);
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();

  const ctx = await browser.newContext({ baseURL: baseURL(), viewport: { width: 1280, height: 800 } });
  const ctxRu = await browser.newContext({ baseURL: baseURL(), viewport: { width: 1280, height: 800 } });
  try {
    const room = await ctx.newPage();
    await join(room, ex.codes.valdoria!, 'Victor', TEAMS.valdoria);
    await expect(room.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
    const roomRu = await ctxRu.newPage();
    await join(roomRu, ex.codes.esterra!, 'Elena', TEAMS.esterra);
    await roomRu.getByLabel('Language').selectOption('ru');
    await expect(roomRu.getByRole('status').filter({ hasText: 'В эфире' })).toBeVisible();

    // The facilitator signs out from a second tab of the same browser.
    const other = await page.context().newPage();
    await other.goto('/');
    await apiPost(other, '/auth/logout');
    // The console goes to the sign-in page, says why, and comes back after signing in.
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByText('This session was signed out elsewhere')).toBeVisible();
    await shots(page, 'stream-ended-sign-in-en');
    await page.getByLabel('Email address').fill(ADMIN_EMAIL);
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(new RegExp(`/exercises/${ex.id}/console$`));
    await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();

    // Each delegate's own session ends the same way (a sign-out elsewhere).
    await apiPost(await ctx.newPage().then(async (p) => (await p.goto('/'), p)), '/auth/logout');
    await expect(room.getByRole('heading', { name: 'You are signed out' })).toBeVisible();
    await expect(room.getByRole('link', { name: 'Join again with your team code' })).toHaveAttribute('href', '/join');
    await apiPost(await ctxRu.newPage().then(async (p) => (await p.goto('/'), p)), '/auth/logout');
    await expect(roomRu.getByRole('heading', { name: 'Вы вышли из системы' })).toBeVisible();
    await shots(room, 'stream-ended-en');
    await shots(roomRu, 'stream-ended-ru');

    // Nothing reconnects: the pages stay as they are.
    await room.waitForTimeout(2500);
    await expect(room.getByRole('heading', { name: 'You are signed out' })).toBeVisible();
  } finally {
    await ctx.close();
    await ctxRu.close();
  }
});
