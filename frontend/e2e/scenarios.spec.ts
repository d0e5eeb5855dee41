import { expect, test, type Page } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, baseURL } from './env';

test.use({ baseURL: baseURL() });

// grid-cascade.yaml, bundled with the server: line 30 is `duration: 2h`.
const SLUG = 'grid-cascade';
const DURATION_LINE = 30;

// A small valid scenario (the editor's template with its own id); line 7 is the duration.
const TEMPLATE_LIKE = `id: imported-e2e
version: 1
title: "Imported in e2e"
summary: |
  A tiny scenario.
languages: [en]
duration: 30m
level: introductory
catalogue: osce-ict-cbms
cbms: [8]
objectives:
  - key: o
    text: Reach the other State.
    cbms: [8]
teams:
  - key: a
    name: Valdoria
    kind: state
    briefing: You play Valdoria.
  - key: b
    name: Esterra
    kind: state
    briefing: You play Esterra.
phases:
  - key: p
    title: Only phase
    clock: "Monday 09:00"
    starts_at: 0m
    situation: Something happens.
injects:
  - key: i
    title: First news
    phase: p
    channel: news
    from: Control
    audience: all
    at: 1m
    body: News.
    expected_actions:
      - key: x
        text: Contact the other State.
        cbms: [8]
rubric:
  scale: psmu
  criteria:
    - key: c
      title: Contact
      description: They made contact.
      cbms: [8]
      injects: [i]
      objective: o
`;

async function signIn(page: Page) {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(ADMIN_EMAIL);
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
}

test('an author finds a scenario, breaks it in the editor, sees the problem at its line, fixes it and saves version 2', async ({
  page,
}) => {
  const cspViolations: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
  });

  await signIn(page);

  // The library lists the seven bundled scenarios, and the search narrows it.
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Scenarios' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Scenarios' })).toBeVisible();
  const cards = page.locator('.scenario-card');
  await expect(cards).toHaveCount(7);
  await page.getByRole('searchbox', { name: 'Search' }).fill('power grid');
  await expect(cards).toHaveCount(1);
  await expect(page).toHaveURL(/\?q=power\+grid/);
  const card = page.locator(`[data-scenario="${SLUG}"]`);
  await expect(card).toContainText('Version 1');
  // CBM chips carry the measure's short title as a tooltip.
  await expect(card.locator('[data-cbm="8"]')).toHaveAttribute('title', /.+/);
  await page.getByRole('searchbox', { name: 'Search' }).fill('');
  await page.getByLabel('CBM', { exact: true }).selectOption('8');
  await expect(page).toHaveURL(/cbm=8/);
  await expect(card).toBeVisible();

  // The scenario page: overview, timeline and coverage table.
  await card.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/scenarios/${SLUG}$`));
  await expect(page.getByTestId('scenario-version')).toContainText('Version 1');
  const timeline = page.getByTestId('inject-timeline');
  await expect(timeline).toBeVisible();
  expect(await timeline.locator('.timeline-mark').count()).toBeGreaterThan(5);
  const coverage = page.getByTestId('cbm-coverage');
  await expect(coverage).toBeVisible();
  expect(await coverage.locator('tbody tr').count()).toBeGreaterThan(2);
  await expect(page.getByRole('heading', { name: 'Teams' })).toBeVisible();

  // The editor opens with the file, which checks as valid.
  await page.getByRole('link', { name: 'Edit' }).click();
  await expect(page).toHaveURL(new RegExp(`/scenarios/${SLUG}/edit$`));
  const status = page.getByTestId('editor-status');
  await expect(status).toContainText(/Valid — \d+ injects, \d+ phases/);

  // Break line 30.
  const durationLine = page.locator('.cm-line', { hasText: /^duration: 2h$/ });
  await durationLine.click();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('soon');

  // The problem is listed with its line, underlined there, and marked in the gutter beside it.
  const problems = page.locator('.problem-list li');
  await expect(problems.first()).toBeVisible();
  await expect(problems.filter({ hasText: new RegExp(`^line ${DURATION_LINE}, column \\d+: `) })).toHaveCount(1);
  await expect(status).toContainText(/\d+ problems?/);
  const underline = page.locator('.cm-lintRange-error');
  await expect(underline.first()).toBeVisible();
  await expect(underline.first()).toHaveText('soon');
  const marker = page.locator('.cm-gutter-lint .cm-lint-marker-error');
  await expect(marker).toHaveCount(1);
  const brokenLine = page.locator('.cm-line', { hasText: /^duration: soon$/ });
  const [markerBox, lineBox] = await Promise.all([marker.boundingBox(), brokenLine.boundingBox()]);
  expect(markerBox && lineBox).toBeTruthy();
  expect(Math.abs(markerBox!.y + markerBox!.height / 2 - (lineBox!.y + lineBox!.height / 2))).toBeLessThan(lineBox!.height);

  // Clicking the problem puts the cursor in the editor at that place.
  await problems.filter({ hasText: `line ${DURATION_LINE},` }).getByRole('button').click();
  await expect(page.locator('.cm-editor')).toHaveClass(/cm-focused/);

  // Leaving now asks first.
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Home' }).click();
  const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(leave).toBeVisible();
  await leave.getByRole('button', { name: 'Stay and keep editing' }).click();
  await expect(page).toHaveURL(new RegExp(`/scenarios/${SLUG}/edit$`));

  // Fix it with a real change, so that saving stores a new version.
  await brokenLine.click();
  await page.keyboard.press('End');
  for (let i = 0; i < 'soon'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('3h');
  await expect(status).toContainText(/Valid — \d+ injects, \d+ phases/);
  await expect(page.locator('.problem-list')).toHaveCount(0);
  await expect(page.locator('.cm-lint-marker-error')).toHaveCount(0);

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/scenarios/${SLUG}\\?version=2$`));
  await expect(page.getByText('Saved as version 2.')).toBeVisible();
  await expect(page.getByTestId('scenario-version')).toContainText('Version 2');
  await expect(page.getByLabel('Version', { exact: true })).toHaveValue('2');
  await expect(page.getByRole('definition').filter({ hasText: /3 hr/ })).toBeVisible();

  // The older version stays readable.
  await page.getByLabel('Version', { exact: true }).selectOption('1');
  await expect(page.getByTestId('scenario-version')).toContainText('Version 1');
  await expect(page.getByTestId('scenario-version')).toContainText('the latest is version 2');

  // The library shows the new version.
  await page.getByRole('link', { name: '← Scenario library' }).click();
  await expect(page.locator(`[data-scenario="${SLUG}"]`)).toContainText('Version 2');

  // The export of version 2 is the saved file.
  const exported = await page.request.get(`/api/v1/scenarios/${SLUG}/export?version=2`);
  expect(exported.status()).toBe(200);
  expect(await exported.text()).toMatch(/^duration: 3h$/m);

  expect(cspViolations).toEqual([]);
});

test('New from template validates, and saving creates the scenario', async ({ page }) => {
  await signIn(page);
  await page.goto('/scenarios');
  await page.getByRole('link', { name: 'New from template' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New scenario' })).toBeVisible();
  await expect(page.getByTestId('editor-status')).toContainText(/Valid — 3 injects, 2 phases/);
  await expect(page.getByTestId('inject-timeline')).toBeVisible();

  const idLine = page.locator('.cm-line', { hasText: /^id: my-new-scenario$/ });
  await idLine.click();
  await page.keyboard.press('End');
  await page.keyboard.type('-e2e');
  await expect(page.getByRole('heading', { name: 'File my-new-scenario-e2e.yaml' })).toBeVisible();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page).toHaveURL(/\/scenarios\/my-new-scenario-e2e\?version=1$/);
  await expect(page.getByRole('heading', { level: 1, name: 'A new scenario' })).toBeVisible();
  await expect(page.getByText('Held for a trigger or the facilitator')).toBeVisible();
});

test('Import file lists the problems of a broken file by line and column, and imports a good one', async ({ page }) => {
  await signIn(page);
  await page.goto('/scenarios');
  const broken = TEMPLATE_LIKE.replace('duration: 30m', 'duration: soon');
  await page.getByTestId('import-file').setInputFiles({ name: 'broken.yaml', mimeType: 'application/yaml', buffer: Buffer.from(broken) });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('broken.yaml was not imported');
  await expect(alert.locator('.problem-list li')).toContainText([/^line 7, column 11: /]);

  await page.getByTestId('import-file').setInputFiles({ name: 'imported.yaml', mimeType: 'application/yaml', buffer: Buffer.from(TEMPLATE_LIKE) });
  await expect(page).toHaveURL(/\/scenarios\/imported-e2e\?version=1$/);
});
