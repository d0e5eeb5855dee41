import { expect, test, type Locator, type Page } from '@playwright/test';
import { baseURL } from './env';
import { apiPost, signIn } from './live-helpers';

// Forms say what is wrong at the field that is wrong, and their lists stay in their cards.
test.use({ baseURL: baseURL(), viewport: { width: 1280, height: 800 }, trace: 'off' });

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** `inner` is drawn inside `outer` (left and right edges). */
async function expectInside(inner: Locator, outer: Locator, what: string) {
  const a = (await inner.boundingBox())!;
  const b = (await outer.boundingBox())!;
  expect(a.x, `${what}: left edge`).toBeGreaterThanOrEqual(b.x - 0.5);
  expect(a.x + a.width, `${what}: right edge`).toBeLessThanOrEqual(b.x + b.width + 0.5);
}

test('the workshop form’s facilitators stay in the card at 1280 and 390 px; a taken e-mail is said at its field', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page);
  const run = Date.now();
  // Facilitators with the names and addresses real ministries give them.
  for (let i = 0; i < 6; i++) {
    await apiPost(page, '/users', {
      email: `first.middle.last-name.${i}.${run}@cyber-policy-directorate.ministry-of-foreign-affairs.example.org`,
      name: `Ambassador Maria-Theresa Example-Surname ${i}, Head of the International Cyber Policy Unit`,
      role: 'facilitator',
      password: 'a long enough password',
    });
  }

  await page.goto('/workshops');
  const card = page.getByRole('region', { name: 'Create a workshop' });
  const facilitators = card.getByRole('group', { name: 'Facilitators' });
  await expect(facilitators.getByRole('checkbox', { name: new RegExp(`${run}@`) })).toHaveCount(6);
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 800 });
    await expectInside(facilitators, card, `the facilitators at ${width} px`);
    for (const box of await facilitators.locator('label').all()) await expectInside(box, facilitators, `a facilitator at ${width} px`);
    expect(await overflow(page), `the workshops page at ${width} px`).toBeLessThanOrEqual(0);
  }

  // The server's refusal of a taken e-mail is the e-mail field's.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/users');
  const form = page.getByRole('region', { name: 'Create a user' });
  const email = form.getByLabel('Email address');
  await email.fill(`first.middle.last-name.0.${run}@cyber-policy-directorate.ministry-of-foreign-affairs.example.org`);
  await form.getByLabel('Name').fill('Someone Else');
  await form.getByLabel('Initial password').fill('a long enough password');
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toHaveAccessibleDescription('A user with this e-mail already exists.');
  await expect(email).toBeFocused();
});
