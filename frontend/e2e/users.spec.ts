import { expect, test, type Page } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, baseURL } from './env';

test.use({ baseURL: baseURL() });

const FACILITATOR = {
  email: 'facilitator@example.org',
  name: 'Fiona Facilitator',
  password: 'facilitator-password-1234',
};

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
}

test('an admin creates a facilitator, who cannot administer users', async ({ page }) => {
  // The server's Content-Security-Policy must not block anything the app does.
  const cspViolations: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
  });
  const mainNav = page.getByRole('navigation', { name: 'Main navigation' });

  // Signed out: the app sends us to sign-in.
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);

  // A wrong password shows the server's message.
  await signIn(page, ADMIN_EMAIL, 'definitely-not-the-password');
  await expect(page.getByRole('alert')).not.toBeEmpty();
  await expect(page).toHaveURL(/\/sign-in$/);

  // The admin signs in and sees the Users item.
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await expect(mainNav.getByRole('link', { name: 'Users' })).toBeVisible();

  // …and creates a facilitator.
  await mainNav.getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: new RegExp(ADMIN_EMAIL) })).toBeVisible();
  const form = page.getByRole('region', { name: 'Create a user' });
  await form.getByLabel('Email address').fill(FACILITATOR.email);
  await form.getByLabel('Name').fill(FACILITATOR.name);
  await form.getByLabel('Role').selectOption('facilitator');
  await form.getByLabel('Initial password').fill(FACILITATOR.password);
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByText(`The user ${FACILITATOR.email} was created.`)).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(FACILITATOR.email) });
  await expect(row).toBeVisible();
  await expect(row.getByRole('combobox', { name: `Role of ${FACILITATOR.email}` })).toHaveValue('facilitator');

  await signOut(page);

  // The facilitator signs in: no Users item, and the users page is refused.
  await signIn(page, FACILITATOR.email, FACILITATOR.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await expect(page.getByText(`Welcome, ${FACILITATOR.name}.`)).toBeVisible();
  await expect(mainNav.getByRole('link', { name: 'Home' })).toBeVisible();
  await expect(mainNav.getByRole('link', { name: 'Scenarios' })).toBeVisible();
  await expect(mainNav.getByRole('link', { name: 'Users' })).toHaveCount(0);

  await page.goto('/users');
  await expect(page.getByRole('heading', { level: 1, name: 'Access refused' })).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);

  // The server refuses too, whatever the UI shows.
  const res = await page.request.get('/api/v1/users');
  expect(res.status()).toBe(403);
  expect((await res.json()).error.code).toBe('forbidden');

  await signOut(page);
  expect(cspViolations).toEqual([]);
});
