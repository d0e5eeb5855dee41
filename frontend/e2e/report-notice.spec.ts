import { mkdirSync } from 'node:fs';
import { join as pathJoin } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { baseURL } from './env';
import { apiPost, join, signIn, startTutorial, TEAMS } from './live-helpers';

// The server sends report.published to every team; the browser used to drop it (its
// EventSource did not listen for the type), so participants were never told.
test.use({ baseURL: baseURL(), viewport: { width: 1280, height: 800 }, trace: 'off' });

// Set CBMEX_SHOT_DIR to keep screenshots of the room with the notice (wide and phone).
const SHOT_DIR = process.env.CBMEX_SHOT_DIR;
async function shots(page: Page, lang: string) {
  if (!SHOT_DIR) return;
  mkdirSync(SHOT_DIR, { recursive: true });
  await page.screenshot({ path: pathJoin(SHOT_DIR, `room-report-published-${lang}-1280.png`) });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.locator('.ex-report-published')).toBeInViewport();
  await page.screenshot({ path: pathJoin(SHOT_DIR, `room-report-published-${lang}-390.png`) });
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('a participant’s open room learns that the report is published, without a reload', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const fac = page;
  await signIn(fac);
  const ex = await startTutorial(fac, `Report notice ${Date.now()}`);

  const valCtx = await browser.newContext({ baseURL: baseURL(), viewport: { width: 1280, height: 800 } });
  const estCtx = await browser.newContext({ baseURL: baseURL(), viewport: { width: 1280, height: 800 } });
  try {
    const val = await valCtx.newPage();
    const est = await estCtx.newPage();
    await join(val, ex.codes.valdoria!, 'Victor', TEAMS.valdoria);
    await join(est, ex.codes.esterra!, 'Elena', TEAMS.esterra);
    // Esterra's delegate reads in Russian (the switch is in the room's header).
    await est.getByLabel('Language').selectOption('ru');
    await expect(est.getByRole('status').filter({ hasText: 'В эфире' })).toBeVisible();

    await apiPost(fac, `/exercises/${ex.id}/end`);
    await expect(val.getByRole('link', { name: 'After-action report' })).toBeVisible();
    await expect(val.getByText('The after-action report is published.')).toHaveCount(0);

    // Marks the pages: a reload would lose the mark.
    for (const p of [val, est]) await p.evaluate(() => ((window as unknown as { unreloaded: boolean }).unreloaded = true));

    await fac.goto(`/exercises/${ex.id}/scoring`);
    await fac.getByRole('button', { name: 'Publish report' }).click();
    await expect(fac.getByText('Published', { exact: true })).toBeVisible();

    const notice = val.getByRole('status').filter({ hasText: 'The after-action report is published.' });
    await expect(notice).toBeVisible();
    await expect(notice.getByRole('link', { name: 'Read the report' })).toBeVisible();
    const noticeRu = est.getByRole('status').filter({ hasText: 'Итоговый отчёт опубликован.' });
    await expect(noticeRu).toBeVisible();
    await expect(noticeRu.getByRole('link', { name: 'Открыть отчёт' })).toBeVisible();
    for (const p of [val, est]) {
      expect(await p.evaluate(() => (window as unknown as { unreloaded?: boolean }).unreloaded)).toBe(true);
      await expect(p).toHaveURL(new RegExp(`/exercises/${ex.id}/room$`));
    }
    await shots(val, 'en');
    await shots(est, 'ru');

    // The notice leads to the report itself, not to the "not published yet" message.
    await notice.getByRole('link', { name: 'Read the report' }).click();
    await expect(val.getByRole('heading', { level: 1, name: /^After-action report: Report notice/ })).toBeVisible();
    await expect(val.getByText('The facilitators have not published the report yet.', { exact: false })).toHaveCount(0);
  } finally {
    await valCtx.close();
    await estCtx.close();
  }
});
