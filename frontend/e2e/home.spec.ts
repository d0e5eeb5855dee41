// Home says where to go next, by role: an administrator of a new installation finds the
// demonstration tutorial ready to start and the path to a first exercise of their own; a
// facilitator with no workshop is told to ask for one.
import { expect, test } from '@playwright/test';
import { baseURL } from './env';
import { apiPost, signIn } from './live-helpers';

test.use({ baseURL: baseURL(), viewport: { width: 1280, height: 800 } });

test('home shows the next step for an administrator and for a facilitator', async ({ page, browser }) => {
  await signIn(page);
  // An exercise not started yet (on a new installation, the demonstration tutorial; other
  // specs of this run have made newer workshops, so this one makes its own).
  const title = `Home tutorial ${Date.now()}`;
  const w = await apiPost<{ workshop: { id: number } }>(page, '/workshops', { title: `${title} workshop`, facilitator_ids: [] });
  await apiPost(page, '/exercises', { workshop_id: w.workshop.id, scenario_id: 'tutorial-first-contact', title });
  await page.goto('/');
  const ready = page.getByRole('region', { name: 'Ready to start' });
  await expect(ready.getByRole('link', { name: `Open the console: ${title}` })).toBeVisible();
  await ready.getByRole('link', { name: `Open the console: ${title}` }).click();
  await expect(page).toHaveURL(/\/exercises\/\d+\/console$/);
  await page.goto('/');
  const first = page.getByRole('region', { name: 'Run your first exercise' });
  await expect(first.getByRole('link', { name: 'Create a workshop and assign its facilitators' })).toHaveAttribute('href', '/workshops');
  await expect(first.getByRole('link', { name: /Manage the accounts/ })).toBeVisible();

  const email = `home-${Date.now()}@example.org`;
  const password = 'a-facilitator-password-long-enough';
  await apiPost(page, '/users', { email, name: 'New Facilitator', role: 'facilitator', password });
  const ctx = await browser.newContext({ baseURL: baseURL(), viewport: { width: 1280, height: 800 } });
  const fac = await ctx.newPage();
  await fac.goto('/sign-in');
  await fac.getByLabel('Email address').fill(email);
  await fac.getByLabel('Password').fill(password);
  await fac.getByRole('button', { name: 'Sign in' }).click();
  await expect(fac.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await expect(fac.getByText(/ask an administrator to add you/)).toBeVisible();
  await expect(fac.getByRole('link', { name: 'Open your workshop' })).toBeVisible();
  await expect(fac.getByRole('link', { name: /Manage the accounts/ })).toHaveCount(0);
  await ctx.close();
});
