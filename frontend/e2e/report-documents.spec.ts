import { readFileSync } from 'node:fs';
import { expect, test, type Download } from '@playwright/test';
import { baseURL } from './env';
import { apiPost, join, signIn, startTutorial, TEAMS } from './live-helpers';

// The report page's PDF and Word buttons download the server's printed report: the staff's copy
// for the facilitator, the team's own copy for a participant once it is published.
test.use({ baseURL: baseURL(), viewport: { width: 1280, height: 800 }, trace: 'off' });

async function bytesOf(d: Download): Promise<Buffer> {
  return readFileSync((await d.path())!);
}

test('the report downloads as PDF and as Word, for staff and for a team', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page);
  const ex = await startTutorial(page, `Report files ${Date.now()}`);
  const ctx = await browser.newContext({ baseURL: baseURL(), viewport: { width: 1280, height: 800 } });
  try {
    const val = await ctx.newPage();
    await join(val, ex.codes.valdoria!, 'Victor', TEAMS.valdoria);
    await apiPost(page, `/exercises/${ex.id}/end`);

    await page.goto(`/exercises/${ex.id}/report`);
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'PDF: download the report' }).click()]);
    expect(pdf.suggestedFilename()).toBe(`after-action-report-${ex.id}-en.pdf`);
    expect((await bytesOf(pdf)).subarray(0, 5).toString()).toBe('%PDF-');
    const [docx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Word: download the report (.docx)' }).click(),
    ]);
    expect(docx.suggestedFilename()).toBe(`after-action-report-${ex.id}-en.docx`);
    expect((await bytesOf(docx)).subarray(0, 2).toString()).toBe('PK');

    await apiPost(page, `/exercises/${ex.id}/report/publish`);
    await val.goto(`/exercises/${ex.id}/report`);
    const [own] = await Promise.all([val.waitForEvent('download'), val.getByRole('link', { name: 'PDF: download the report' }).click()]);
    expect((await bytesOf(own)).subarray(0, 5).toString()).toBe('%PDF-');
  } finally {
    await ctx.close();
  }
});
