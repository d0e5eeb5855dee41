import { expect, test, type Page } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, baseURL } from './env';
import { consoleTab } from './live-helpers';

test.use({ baseURL: baseURL() });

// From scenarios/tutorial-first-contact.yaml: "Your directory entry is empty" is addressed to
// Norhaven only, at 1m; the communication check goes to all teams at 2m.
const NORHAVEN_ONLY = 'Your directory entry is empty';
const COMM_CHECK = 'Communication check from the OSCE Secretariat';
const WELCOME = 'Welcome to the exercise';
const QUESTION = /Who in your team will read new injects/;

async function signIn(page: Page) {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(ADMIN_EMAIL);
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
}

async function join(page: Page, code: string, name: string, team: string) {
  await page.goto(`/join?code=${encodeURIComponent(code)}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Join an exercise' })).toBeVisible();
  await expect(page.getByLabel('Join code')).toHaveValue(code);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page).toHaveURL(/\/exercises\/\d+\/room$/);
  await expect(page.getByRole('heading', { level: 1, name: team })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
}

function feed(page: Page) {
  return page.getByRole('region', { name: /^Injects/ });
}

test('a facilitator runs the tutorial with two teams', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const fac = page;
  await signIn(fac);

  // A workshop…
  await fac.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Workshops' }).click();
  await expect(fac.getByRole('heading', { level: 1, name: 'Workshops' })).toBeVisible();
  const title = `E2E workshop ${Date.now()}`;
  const form = fac.getByRole('region', { name: 'Create a workshop' });
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Host organisation').fill('OSCE Transnational Threats Department');
  await form.getByLabel('Place').fill('Vienna');
  await form.getByLabel('First day').fill('2026-03-02');
  await form.getByLabel('Last day').fill('2026-03-03');
  await form.getByLabel('Participating States').fill('Valdoria, Esterra, Norhaven');
  await form.getByRole('button', { name: 'Create workshop' }).click();
  await fac.getByRole('link', { name: title }).click();
  await expect(fac.getByRole('heading', { level: 1, name: title })).toBeVisible();

  // …and an exercise from the bundled tutorial.
  const newEx = fac.getByRole('region', { name: 'New exercise' });
  await newEx.getByLabel('Scenario').selectOption('tutorial-first-contact');
  await newEx.getByLabel('Exercise title').fill('Morning tutorial');
  await newEx.getByRole('button', { name: 'Create exercise' }).click();
  await expect(fac).toHaveURL(/\/exercises\/\d+\/console$/);
  await expect(fac.getByRole('heading', { level: 1, name: 'Morning tutorial' })).toBeVisible();
  const exerciseId = Number(/exercises\/(\d+)/.exec(fac.url())![1]);

  // Join codes from the console.
  const norCode = (await fac.getByTestId('join-code-norhaven').textContent())!.trim();
  const valCode = (await fac.getByTestId('join-code-valdoria').textContent())!.trim();
  expect(norCode).not.toBe('');
  expect(valCode).not.toBe(norCode);
  await expect(fac.getByRole('img', { name: /QR code to join as Republic of Norhaven/ })).toBeVisible();

  // Two participants in their own browser contexts.
  const norCtx = await browser.newContext({ baseURL: baseURL() });
  const valCtx = await browser.newContext({ baseURL: baseURL() });
  const nor = await norCtx.newPage();
  const val = await valCtx.newPage();
  try {
    await join(nor, norCode, 'Nora', 'Republic of Norhaven');
    await join(val, valCode, 'Victor', 'Republic of Valdoria');

    // The console sees them connected.
    const teams = fac.getByRole('region', { name: 'Teams' });
    await expect(teams.getByRole('button', { name: 'Remove Nora' })).toBeVisible({ timeout: 15_000 });
    await expect(teams.locator('[data-team-key="valdoria"]').getByText('(connected)')).toBeVisible({ timeout: 15_000 });

    // 10× so that the timed injects come quickly, then start.
    await fac.getByLabel('Speed', { exact: true }).selectOption('10');
    await expect(fac.getByText('Speed 10×')).toBeVisible();
    await fac.getByRole('button', { name: 'Start' }).click();
    await expect(fac.getByRole('button', { name: 'Pause' })).toBeVisible();
    await expect(nor.getByText('Running')).toBeVisible();

    // Timed injects: the welcome to all, then one only for Norhaven.
    await expect(feed(val).getByRole('heading', { name: WELCOME })).toBeVisible({ timeout: 20_000 });
    await expect(feed(nor).getByRole('heading', { name: NORHAVEN_ONLY })).toBeVisible({ timeout: 30_000 });
    await expect(feed(nor).locator('[data-inject-key="norhaven-empty-entry"]')).toHaveAttribute('data-channel', 'official_note');
    // Once the later all-teams inject has reached Valdoria, the Norhaven one never will.
    await expect(feed(val).getByRole('heading', { name: COMM_CHECK })).toBeVisible({ timeout: 30_000 });
    await expect(feed(val).getByRole('heading', { name: NORHAVEN_ONLY })).toHaveCount(0);
    await expect(feed(val).locator('[data-inject-key="comm-check"]')).toHaveAttribute('data-channel', 'email');

    // Slow down again for the rest.
    await fac.getByLabel('Speed', { exact: true }).selectOption('1');
    await expect(fac.getByText('Speed 1×')).toBeVisible();

    // Release now.
    await consoleTab(fac, 'Injects');
    const row = fac.locator('tr[data-inject-key="social-media-blame"]');
    await row.getByRole('button', { name: 'Release now' }).click();
    await expect(row.getByText('Released')).toBeVisible();
    for (const p of [nor, val]) {
      await expect(feed(p).locator('[data-inject-key="social-media-blame"]')).toBeVisible();
      await expect(feed(p).locator('[data-inject-key="social-media-blame"]')).toHaveAttribute('data-channel', 'social_media');
    }

    // An ad-hoc inject to every team.
    await consoleTab(fac, 'Ad-hoc inject');
    const adhoc = fac.getByRole('region', { name: 'Ad-hoc inject' });
    await adhoc.getByLabel('Title').fill('Minister asks for a briefing');
    await adhoc.getByLabel('Channel').selectOption('phone_call');
    await adhoc.getByLabel('From').fill('Exercise control');
    await adhoc.getByLabel('Text').fill('The minister wants a two-line briefing in ten minutes.');
    await adhoc.getByRole('button', { name: 'Release inject' }).click();
    await expect(adhoc.getByText('“Minister asks for a briefing” was released.')).toBeVisible();
    for (const p of [nor, val]) {
      await expect(feed(p).getByRole('heading', { name: 'Minister asks for a briefing' })).toBeVisible();
    }

    // Each team answers a stage question.
    await nor.getByLabel(QUESTION).fill('Nora reads, Nils writes (Norhaven)');
    await val.getByLabel(QUESTION).fill('Victor does both (Valdoria)');
    await expect(nor.getByText('Saved')).toBeVisible();
    await expect(val.getByText('Saved')).toBeVisible();
    await nor.locator('[data-question="gs-q1"]').getByRole('button', { name: 'Submit answer' }).click();
    await expect(nor.locator('[data-question="gs-q1"]').getByText('Submitted')).toBeVisible();
    await expect(nor.locator('[data-question="gs-q1"]').getByText('Last edited by Nora')).toBeVisible();

    await consoleTab(fac, 'Answers');
    const answers = fac.getByRole('region', { name: 'Answers of all teams' });
    await expect(answers.getByText('Nora reads, Nils writes (Norhaven)')).toBeVisible();
    await expect(answers.getByText('Victor does both (Valdoria)')).toBeVisible();
    // Neither team sees the other's answer, on the page or from the API.
    await expect(nor.getByText('Victor does both (Valdoria)')).toHaveCount(0);
    await expect(val.getByText('Nora reads, Nils writes (Norhaven)')).toHaveCount(0);
    const norAnswers = await (await nor.request.get(`/api/v1/exercises/${exerciseId}/answers`)).json();
    expect(JSON.stringify(norAnswers)).not.toContain('Victor does both');

    // Pause stops the clock, for everyone.
    await fac.getByRole('button', { name: 'Pause' }).click();
    await expect(fac.getByRole('button', { name: 'Resume' })).toBeVisible();
    await expect(nor.getByText('Paused')).toBeVisible();
    const timer = nor.getByRole('timer');
    const before = await timer.textContent();
    await nor.waitForTimeout(2_200);
    expect(await timer.textContent()).toBe(before);
    expect(await fac.getByRole('timer').textContent()).toBe(before);

    // A reload rebuilds the whole feed from the stream.
    await nor.reload();
    await expect(nor).toHaveURL(new RegExp(`/exercises/${exerciseId}/room$`));
    await expect(nor.getByRole('heading', { level: 1, name: 'Republic of Norhaven' })).toBeVisible();
    for (const t of [WELCOME, NORHAVEN_ONLY, COMM_CHECK, 'Minister asks for a briefing']) {
      await expect(feed(nor).getByRole('heading', { name: t })).toBeVisible();
    }
    await expect(feed(nor).locator('[data-inject-key="social-media-blame"]')).toBeVisible();
    await expect(nor.getByLabel(QUESTION)).toHaveValue('Nora reads, Nils writes (Norhaven)');
    await expect(nor.getByRole('timer')).toHaveText(before!);

    // A participant who opens the home page lands back in the room, without staff navigation.
    await nor.goto('/');
    await expect(nor).toHaveURL(new RegExp(`/exercises/${exerciseId}/room$`));
    await expect(nor.getByRole('navigation', { name: 'Main navigation' })).toHaveCount(0);

    // Removing a participant ends their stream at once and tells them so.
    fac.once('dialog', (d) => void d.accept());
    await consoleTab(fac, 'Teams');
    await fac.getByRole('region', { name: 'Teams' }).getByRole('button', { name: 'Remove Victor' }).click();
    await expect(val.getByText('You were removed from this exercise.')).toBeVisible();
    await expect(fac.getByRole('button', { name: 'Remove Victor' })).toHaveCount(0);
  } finally {
    await norCtx.close();
    await valCtx.close();
  }
});
