import { expect, test, type Locator, type Page } from '@playwright/test';
import { baseURL } from './env';
import { apiPost, join, signIn, startTutorial, TEAMS } from './live-helpers';

// A message whose subject is one long URL used to stretch the report's timeline and the
// scoring page to some 2,500 px; long unbroken text now wraps inside the page.
test.use({ baseURL: baseURL(), viewport: { width: 1280, height: 800 }, trace: 'off' });

const URL_SUBJECT = `https://cert.example.org/advisories/2026/${'a1b2c3d4e5'.repeat(15)}/`.slice(0, 200); // no space
const URL_COMMENT = `See https://evidence.example.org/${'x9y8z7w6v5'.repeat(20)} for the log.`;

/**
 * The page is no wider than the window: nothing pushes it sideways. Charts follow their
 * container's width a moment after the window changes, so the width is read until it settles.
 */
async function expectNoSidewaysScroll(page: Page) {
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), {
      message: `${page.url()} is wider than the window by (px)`,
    })
    .toBeLessThanOrEqual(0);
}

/** An element holds its content without scrolling sideways (a table in its wrapper, a list). */
async function expectFits(box: Locator, what: string) {
  const { scroll, client } = await box.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(scroll, `${what} is ${scroll} px wide in ${client} px`).toBeLessThanOrEqual(client);
}

test('a URL as a message subject wraps in the report timeline and on the scoring page', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const fac = page;
  await signIn(fac);
  const ex = await startTutorial(fac, `Long text ${Date.now()}`);
  const valCtx = await browser.newContext({ baseURL: baseURL(), viewport: { width: 1280, height: 800 } });
  try {
    const val = await valCtx.newPage();
    await join(val, ex.codes.valdoria!, 'Victor', TEAMS.valdoria);
    const got = (await (await fac.request.get(`/api/v1/exercises/${ex.id}`)).json()) as {
      exercise: { teams: { id: number; key: string }[] };
    };
    const team = (key: string) => got.exercise.teams.find((t) => t.key === key)!.id;
    await apiPost(val, `/exercises/${ex.id}/messages`, {
      to: [team('esterra')],
      channel: 'poc_hotline',
      subject: URL_SUBJECT,
      body: `See ${URL_SUBJECT}`,
      cbms: ['8'],
    });
    const score = await fac.request.put(`/api/v1/exercises/${ex.id}/scores`, {
      data: { team_id: team('valdoria'), criterion: 'first-message', value: 'S', comment: URL_COMMENT, evidence: [], final: true },
      headers: { 'X-CSRF-Token': (await fac.context().cookies()).find((c) => c.name === 'cbmex_csrf')!.value },
    });
    expect(score.ok(), await score.text()).toBeTruthy();

    await fac.goto(`/exercises/${ex.id}/report`);
    const timeline = fac.locator('.rp-timeline');
    await expect(timeline.getByText(URL_SUBJECT)).toBeVisible();
    await expectNoSidewaysScroll(fac);
    await expectFits(timeline.locator('xpath=..'), 'the timeline');
    await expectFits(fac.locator('.rp-scorecard .table-wrap').first(), 'the scorecard');
    await fac.setViewportSize({ width: 390, height: 844 });
    await expectNoSidewaysScroll(fac);

    await fac.setViewportSize({ width: 1280, height: 800 });
    await fac.goto(`/exercises/${ex.id}/scoring`);
    const pick = fac.locator('.rp-evidence-pick').first();
    await pick.locator('summary').click();
    await expect(pick.getByText(URL_SUBJECT, { exact: false })).toBeVisible();
    await expectNoSidewaysScroll(fac);
    await expectFits(pick.locator('.rp-checklist'), 'the evidence list');
    await fac.setViewportSize({ width: 390, height: 844 });
    await expectNoSidewaysScroll(fac);
    await expectFits(pick.locator('.rp-checklist'), 'the evidence list');
  } finally {
    await valCtx.close();
  }
});
