import { mkdirSync } from 'node:fs';
import { join as pathJoin } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { baseURL } from './env';
import { apiPost, consoleTab, join, signIn, startTutorial, TEAMS } from './live-helpers';

// The tour de table closing a stage: the facilitator opens it in the console, the
// delegations see the order of speakers and who has the floor, the facilitator moves on
// and closes it, and a delegation's statement is in the after-action report.
test.use({ baseURL: baseURL(), trace: 'off' });

// Set CBMEX_SHOT_DIR to keep screenshots of the tour (console and room at 1280 px, the room at 390 px, the report).
const SHOT_DIR = process.env.CBMEX_SHOT_DIR;
async function shot(target: Page | Locator, name: string) {
  if (!SHOT_DIR) return;
  mkdirSync(SHOT_DIR, { recursive: true });
  await target.screenshot({ path: pathJoin(SHOT_DIR, name) });
}

const STATEMENT = 'Valdoria will share the indicators of the fake e-mails with every point of contact today.';

test('a facilitator runs a tour de table; the delegations follow it and a statement reaches the report', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const fac = page;
  await fac.setViewportSize({ width: 1280, height: 900 });
  await signIn(fac);
  const ex = await startTutorial(fac, `Tour de table ${Date.now()}`);

  const valCtx = await browser.newContext({ baseURL: baseURL(), viewport: { width: 1280, height: 900 } });
  const estCtx = await browser.newContext({ baseURL: baseURL(), viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  try {
    const val = await valCtx.newPage();
    const est = await estCtx.newPage();
    await join(val, ex.codes.valdoria!, 'Victor', TEAMS.valdoria);
    await join(est, ex.codes.esterra!, 'Elena', TEAMS.esterra);

    // Valdoria prepares its statement before the round.
    const valTour = val.getByRole('region', { name: 'Tour de table' });
    await expect(valTour).toContainText('The facilitators have not opened the tour de table of this phase yet.');
    await valTour.getByLabel("Your delegation's statement (optional)").fill(STATEMENT);
    await valTour.getByRole('button', { name: 'Save the statement' }).click();
    await expect(valTour).toContainText('saved by Victor');

    // The facilitator opens the tour: every delegation, in the teams' order, three minutes each.
    await fac.goto(`/exercises/${ex.id}/console`);
    await consoleTab(fac, 'Answers');
    const facTour = fac.getByRole('region', { name: 'Tour de table' });
    await expect(facTour.getByRole('list', { name: 'Order of speakers' }).getByRole('listitem')).toHaveCount(3);
    await facTour.getByRole('button', { name: 'Open the tour de table' }).click();
    await expect(facTour).toContainText(`Has the floor: ${TEAMS.valdoria}`);
    await expect(facTour.getByTestId('tour-countdown')).toContainText(/^\d:\d\d left$/);

    // The delegations see the order and who speaks; the speaker is told it is its turn.
    await expect(valTour.getByRole('alert')).toHaveText('Your turn: your delegation has the floor.');
    const estTour = est.getByRole('region', { name: 'Tour de table' });
    await expect(estTour.getByRole('list', { name: 'Order of speakers' }).getByRole('listitem')).toHaveText([
      `${TEAMS.valdoria} · speaking`,
      `${TEAMS.esterra} · to speak`,
      `${TEAMS.norhaven} · to speak`,
    ]);
    await expect(estTour.getByRole('alert')).toHaveCount(0);
    await shot(valTour, 'tour-room-1280.png');

    // Next: Esterra has the floor.
    await facTour.getByRole('button', { name: 'Next speaker' }).click();
    await expect(estTour.getByRole('alert')).toHaveText('Your turn: your delegation has the floor.');
    await expect(valTour.getByRole('alert')).toHaveCount(0);
    await estTour.scrollIntoViewIfNeeded();
    expect(await est.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await shot(estTour, 'tour-room-390.png');
    await shot(facTour, 'tour-console-1280.png');

    // Close: the statements are everyone's now, and no longer editable.
    await facTour.getByRole('button', { name: 'Close the tour de table' }).click();
    await expect(estTour).toContainText(STATEMENT);
    await expect(valTour.getByRole('textbox')).toHaveCount(0);
    await expect(facTour).toContainText('Closed');

    // The report gives the statement beside the answers.
    await apiPost(fac, `/exercises/${ex.id}/end`);
    await fac.goto(`/exercises/${ex.id}/report`);
    const statements = fac.locator('.rp-statements');
    await expect(statements).toContainText(STATEMENT);
    await expect(statements).toContainText(TEAMS.valdoria);
    await shot(statements, 'tour-report-1280.png');
  } finally {
    await valCtx.close();
    await estCtx.close();
  }
});
