import { mkdirSync } from 'node:fs';
import { join as pathJoin } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { baseURL } from './env';
import { apiPost, join, signIn, startTutorial, TEAMS } from './live-helpers';

// The jump to a phase asks first and says what it did; the report then names phases and
// questions in the answers, and credits the jump, not the schedule, with what it released.
test.use({ baseURL: baseURL(), viewport: { width: 1280, height: 900 }, trace: 'off' });

// Set CBMEX_SHOT_DIR to keep screenshots of the report's sections (1280 px and print).
const SHOT_DIR = process.env.CBMEX_SHOT_DIR;

/** PUTs JSON; a phase the scheduler has not started yet (just after a jump) is waited for. */
async function put(page: Page, path: string, data: unknown) {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'cbmex_csrf')?.value ?? '';
  await expect
    .poll(async () => {
      const res = await page.request.put(`/api/v1${path}`, { data, headers: { 'X-CSRF-Token': csrf } });
      return res.ok() ? 'ok' : `${res.status()} ${await res.text()}`;
    })
    .toBe('ok');
}

async function jump(fac: Page, phase: string, startsAt: string, injects: string[], skip: boolean) {
  await fac.getByRole('combobox', { name: 'Jump to phase' }).selectOption({ label: `${phase} (${startsAt})` });
  await fac.getByRole('button', { name: 'Jump', exact: true }).click();
  const dialog = fac.getByRole('dialog', { name: `Jump to “${phase}”?` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('listitem')).toHaveText(injects.map((title) => new RegExp(title)));
  if (skip) await dialog.getByRole('radio', { name: /Skip them/ }).check();
  else if (SHOT_DIR) await dialog.screenshot({ path: pathJoin(SHOT_DIR, 'console-jump-dialog-1280.png') });
  await dialog.getByRole('button', { name: new RegExp(`^Jump and ${skip ? 'skip' : 'release'} ${injects.length} inject`) }).click();
  await expect(dialog).toBeHidden();
}

async function shot(page: Page, section: string, name: string) {
  if (!SHOT_DIR) return;
  mkdirSync(SHOT_DIR, { recursive: true });
  await page.locator(`section:has(> h2#${section})`).screenshot({ path: pathJoin(SHOT_DIR, name) });
}

test('a jump asks first, and the report credits it with what it released or skipped', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const fac = page;
  await signIn(fac);
  const ex = await startTutorial(fac, `Readable report ${Date.now()}`);
  const contexts = await Promise.all([0, 1, 2].map(() => browser.newContext({ baseURL: baseURL() })));
  try {
    const [val, est, nor] = await Promise.all(contexts.map((c) => c.newPage()));
    await join(val!, ex.codes.valdoria!, 'Victor', TEAMS.valdoria);
    await join(est!, ex.codes.esterra!, 'Elena', TEAMS.esterra);
    await join(nor!, ex.codes.norhaven!, 'Nils', TEAMS.norhaven);
    const got = (await (await fac.request.get(`/api/v1/exercises/${ex.id}`)).json()) as {
      exercise: { teams: { id: number; key: string }[] };
    };
    const id = (key: string) => got.exercise.teams.find((t) => t.key === key)!.id;
    const answer = (p: Page, phase: string, q: string, text: string) => put(p, `/exercises/${ex.id}/answers/${phase}/${q}`, { text });
    await answer(val!, 'getting-started', 'gs-q1', 'Victor reads the injects; Vera writes to other States.');
    await answer(est!, 'getting-started', 'gs-q1', 'Both of us read; Elena writes.');
    await answer(nor!, 'getting-started', 'gs-q2', 'We found them in the directory: the ministry and the CERT.');
    await apiPost(val!, `/exercises/${ex.id}/messages`, {
      to: [id('esterra')],
      channel: 'poc_hotline',
      subject: 'Phishing servers hosted in Esterra',
      body: 'Can you look at 203.0.113.45?',
      cbms: ['8'],
    });

    await fac.goto(`/exercises/${ex.id}/console`);
    await jump(fac, 'A first incident', '00:05:00', ['Your directory entry is empty', 'Communication check from the OSCE Secretariat'], false);
    const commCheck = fac.locator('tr[data-inject-key="comm-check"]');
    await expect(commCheck.getByText(/released by the jump to a phase/)).toBeVisible();

    await answer(val!, 'first-incident', 'fi-q2', 'Esterra, through its technical point of contact: the servers are there.');
    await apiPost(est!, `/exercises/${ex.id}/messages`, {
      to: [id('valdoria')],
      channel: 'poc_hotline',
      subject: 'Re: Phishing servers',
      body: 'We are looking into it.',
      cbms: ['8'],
    });
    await jump(fac, 'Talking it through', '00:10:00', ['A hosting company calls NCSC Esterra'], true);
    await expect(fac.locator('tr[data-inject-key="esterra-hoster-call"]').getByText(/skipped by the jump to a phase/)).toBeVisible();
    await apiPost(fac, `/exercises/${ex.id}/end`);

    await fac.goto(`/exercises/${ex.id}/report`);
    const answers = fac.locator('section:has(> h2#rp-answers)');
    await expect(answers.getByRole('heading', { name: 'Getting started' }).first()).toBeVisible();
    await expect(answers.getByText('Who in your team will read new injects, and who will write messages to other States?').first()).toBeVisible();
    await expect(answers.getByText(/getting-started ·|gs-q1/)).toHaveCount(0);
    const timeline = fac.locator('.rp-timeline');
    await expect(timeline.locator('tr', { hasText: 'Communication check from the OSCE Secretariat' }).getByText(/released by the jump/)).toBeVisible();
    await expect(timeline.locator('tr', { hasText: 'Communication check from the OSCE Secretariat' }).getByText('on schedule')).toHaveCount(0);
    await expect(timeline.getByText(/jump to this phase from/).first()).toBeVisible();
    await expect(timeline.getByText(/skipped by the jump/)).toBeVisible();
    await expect(fac.locator('[data-table="per-inject"]')).toBeVisible();

    await shot(fac, 'rp-answers', 'report-answers-1280.png');
    await shot(fac, 'rp-charts', 'report-charts-1280.png');
    await shot(fac, 'rp-timeline', 'report-timeline-jump-1280.png');
    if (SHOT_DIR) {
      // As printed: the charts are drawn again at the page's width before printing.
      await fac.setViewportSize({ width: 680, height: 1000 });
      await fac.emulateMedia({ media: 'print' });
      await fac.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      await shot(fac, 'rp-charts', 'report-charts-print.png');
      await shot(fac, 'rp-answers', 'report-answers-print.png');
      await fac.pdf({ path: pathJoin(SHOT_DIR, 'report-print.pdf'), format: 'A4', printBackground: true });
    }
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});
