/** Helpers for the live-exercise specs: sign in, create and start an exercise through the API, join a team. */
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './env';

type Cookies = Awaited<ReturnType<BrowserContext['cookies']>>;
// The server allows few sign-ins per account in a row (5, then one every 30 s): the specs
// of one worker share the administrator's session instead of signing in again.
let adminCookies: Cookies | null = null;

export async function signIn(page: Page) {
  const home = page.getByRole('heading', { level: 1, name: 'Home' });
  if (adminCookies) {
    await page.context().addCookies(adminCookies);
    await page.goto('/');
    await expect(home.or(page.getByLabel('Email address'))).toBeVisible();
    if (await home.isVisible()) return;
    // A spec before this one signed that session out: sign in again.
    adminCookies = null;
    await page.context().clearCookies();
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(ADMIN_EMAIL);
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const tooMany = page.getByRole('alert').filter({ hasText: /too many/i });
    await expect(home.or(tooMany)).toBeVisible();
    if (await home.isVisible()) break;
    await page.waitForTimeout(31_000); // the other specs used up the burst of sign-ins
  }
  await expect(home).toBeVisible();
  adminCookies = await page.context().cookies();
}

async function csrf(ctx: BrowserContext): Promise<Record<string, string>> {
  const c = (await ctx.cookies()).find((k) => k.name === 'cbmex_csrf');
  return c ? { 'X-CSRF-Token': c.value } : {};
}

/** POSTs JSON with the context's session and CSRF token; fails the test on a non-2xx answer. */
export async function apiPost<T = unknown>(page: Page, path: string, data?: unknown): Promise<T> {
  const res = await page.request.post(`/api/v1${path}`, { data: data ?? {}, headers: await csrf(page.context()) });
  expect(res.ok(), `${path}: ${res.status()} ${await res.text()}`).toBeTruthy();
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Creates a workshop and a started exercise of the tutorial (3 teams); returns its id and join codes by team key. */
export async function startTutorial(fac: Page, title: string): Promise<{ id: number; codes: Record<string, string> }> {
  const w = await apiPost<{ workshop: { id: number } }>(fac, '/workshops', {
    title: `${title} workshop`,
    host_organisation: 'OSCE',
    place: 'Vienna',
    starts_on: '2026-03-02',
    ends_on: '2026-03-03',
    language: 'en',
    participants: [],
    facilitator_ids: [],
  });
  const e = await apiPost<{ exercise: { id: number; teams: { key: string; join_code: string }[] } }>(fac, '/exercises', {
    workshop_id: w.workshop.id,
    scenario_id: 'tutorial-first-contact',
    title,
  });
  await apiPost(fac, `/exercises/${e.exercise.id}/start`);
  const codes: Record<string, string> = {};
  for (const t of e.exercise.teams) codes[t.key] = t.join_code;
  return { id: e.exercise.id, codes };
}

export async function join(page: Page, code: string, name: string, team: string) {
  await page.goto(`/join?code=${encodeURIComponent(code)}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page).toHaveURL(/\/exercises\/\d+\/room$/);
  await expect(page.getByRole('heading', { level: 1, name: team })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
}

export const TEAMS = {
  valdoria: 'Republic of Valdoria',
  esterra: 'Kingdom of Esterra',
  norhaven: 'Republic of Norhaven',
} as const;

/** Shows one of the console's tabs (its name may be followed by a count: "Requests (1 open request)"). */
export async function consoleTab(page: Page, name: string) {
  const tab = page.getByRole('tablist', { name: 'Console panels' }).getByRole('tab', { name: new RegExp(`^${name}`) });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}
