import { mkdirSync } from 'node:fs';
import { dirname, join as pathJoin } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { baseURL } from './env';
import { apiPost, consoleTab, signIn, startTutorial, TEAMS } from './live-helpers';

// Staff duties in a real browser: an admin assigns them on the workshop page; an
// evaluator's console has no clock or inject controls, a controller's scoring page no
// scoring controls; two evaluators score and the report shows their agreement.
test.use({ baseURL: baseURL(), viewport: { width: 1280, height: 800 }, trace: 'off' });

const shotDir = pathJoin(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'screenshots');
// Set CBMEX_SHOT_DIR to keep screenshots of the workshop's duties and an evaluator's console.
const SHOT_DIR = process.env.CBMEX_SHOT_DIR;
async function shot(page: Page, name: string) {
  if (!SHOT_DIR) return;
  mkdirSync(SHOT_DIR, { recursive: true });
  await page.screenshot({ path: pathJoin(SHOT_DIR, `${name}-1280.png`), fullPage: true });
}
const PASSWORD = 'duties e2e password';

async function signInAs(browser: Browser, email: string): Promise<Page> {
  const ctx = await browser.newContext({ baseURL: baseURL(), viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  return page;
}

async function apiPut(page: Page, path: string, data: unknown) {
  const csrf = (await page.context().cookies()).find((k) => k.name === 'cbmex_csrf')?.value ?? '';
  const res = await page.request.put(`/api/v1${path}`, { data, headers: { 'X-CSRF-Token': csrf } });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(204);
}

test('duties split the room, and the report shows how far the evaluators agree', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const admin = page;
  await signIn(admin);
  const stamp = Date.now();
  const people = { ana: 'Ana Evaluator', ben: 'Ben Evaluator', carl: 'Carl Controller' } as const;
  const email = (k: keyof typeof people) => `${k}-${stamp}@example.org`;
  for (const k of Object.keys(people) as (keyof typeof people)[]) {
    await apiPost(admin, '/users', { email: email(k), name: people[k], role: 'facilitator', password: PASSWORD });
  }
  const ex = await startTutorial(admin, `Duties ${stamp}`);
  const got = await admin.request.get(`/api/v1/exercises/${ex.id}`);
  const workshopId = ((await got.json()) as { exercise: { workshop_id: number } }).exercise.workshop_id;

  // The admin gives each one a duty on the workshop page.
  await admin.goto(`/workshops/${workshopId}`);
  await admin.getByRole('combobox', { name: `Duty of ${people.ana}` }).selectOption('evaluator');
  await admin.getByRole('combobox', { name: `Duty of ${people.ben}` }).selectOption('evaluator');
  await admin.getByRole('combobox', { name: `Duty of ${people.carl}` }).selectOption('controller');
  await admin.getByRole('button', { name: 'Save duties' }).click();
  await expect(admin.getByText('Saved', { exact: true })).toBeVisible();
  await shot(admin, 'workshop-staff-duties');

  const ana = await signInAs(browser, email('ana'));
  const ben = await signInAs(browser, email('ben'));
  const carl = await signInAs(browser, email('carl'));
  try {
    // An evaluator's console: everything to read, no clock, inject or trigger controls.
    await ana.goto(`/exercises/${ex.id}/console`);
    await expect(ana.getByRole('heading', { name: 'Inject timeline' })).toBeVisible();
    await expect(ana.getByText(/In this workshop you observe and score/)).toBeVisible();
    await consoleTab(ana, 'Notes');
    await expect(ana.getByRole('heading', { name: 'Facilitator notes' })).toBeVisible();
    await expect(ana.getByRole('heading', { name: 'Clock', exact: true })).toHaveCount(0);
    await expect(ana.getByRole('button', { name: 'Pause' })).toHaveCount(0);
    await expect(ana.getByRole('button', { name: 'Release now' })).toHaveCount(0);
    await expect(ana.getByRole('heading', { name: 'Ad-hoc inject' })).toHaveCount(0);
    await shot(ana, 'console-evaluator');
    // A controller's: the clock, and no scoring on the scoring page.
    await carl.goto(`/exercises/${ex.id}/console`);
    await expect(carl.getByRole('button', { name: 'Pause' })).toBeVisible();
    await carl.goto(`/exercises/${ex.id}/scoring`);
    await expect(carl.getByText(/you are a controller/)).toBeVisible();
    await expect(carl.getByRole('button', { name: 'Save score' })).toHaveCount(0);

    // The two evaluators score Valdoria: alike on three criteria of four.
    const team = (await (await admin.request.get(`/api/v1/exercises/${ex.id}`)).json()) as { exercise: { teams: { id: number; key: string }[] } };
    const valdoria = team.exercise.teams.find((t) => t.key === 'valdoria')!.id;
    const criteria = ['comm-check', 'poc-directory', 'first-message', 'consult-before-public'];
    const scores = { ana: ['P', 'S', 'S', 'M'], ben: ['P', 'S', 'M', 'M'] };
    for (const [who, p] of [['ana', ana], ['ben', ben]] as const) {
      for (const [i, value] of scores[who].entries()) {
        await apiPut(p, `/exercises/${ex.id}/scores`, { team_id: valdoria, criterion: criteria[i], value });
      }
    }
  } finally {
    for (const p of [ana, ben, carl]) await p.context().close();
  }

  await admin.goto(`/exercises/${ex.id}/report`);
  const card = admin.locator(`article.rp-scorecard[data-team-key="valdoria"]`);
  await expect(card.getByRole('heading', { name: TEAMS.valdoria })).toBeVisible();
  const agreement = card.locator('.rp-agreement');
  await expect(agreement.getByTestId('agreement-percent')).toHaveText('75%');
  await expect(agreement.getByTestId('agreement-kappa')).toHaveText('0.64');
  await expect(agreement.getByTestId('agreement-differing')).toHaveText('A clear first message');
  mkdirSync(shotDir, { recursive: true });
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: pathJoin(shotDir, 'report-scorecard-agreement-1280.png') });
  await admin.emulateMedia({ media: 'print' });
  await card.screenshot({ path: pathJoin(shotDir, 'report-scorecard-agreement-print.png') });
  await admin.emulateMedia({ media: 'screen' });
});
