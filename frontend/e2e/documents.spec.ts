import { join as pathJoin } from 'node:path';
import { expect, test } from '@playwright/test';
import { baseURL } from './env';
import { join, signIn, startTutorial, TEAMS } from './live-helpers';

test.use({ baseURL: baseURL() });

// Set CBMEX_SHOT_DIR to keep a screenshot of the scenario page's documents.
const SHOT_DIR = process.env.CBMEX_SHOT_DIR;

// A facilitator prints the facilitator guide and a team's situation manual
// from the scenario page, in Russian; a delegate prints their own manual
// from the room.
test('documents: the guide and a manual from the scenario page, a manual from the room', async ({ page, browser }) => {
  await signIn(page);
  await page.goto('/scenarios/grid-cascade');
  const docs = page.getByRole('region', { name: 'Documents to print' });
  await expect(docs).toBeVisible();
  await docs.getByLabel('Language of the documents').selectOption('ru');
  await docs.getByLabel('Situation manual for').selectOption({ label: 'Federal Republic of Marrovia' });
  const manual = docs.getByRole('link', { name: 'Situation manual (PDF)' });
  await expect(manual).toHaveAttribute('href', /\/manual\/marrovia\.pdf\?version=\d+&lang=ru$/);
  if (SHOT_DIR) await page.screenshot({ path: pathJoin(SHOT_DIR, 'scenario-documents-1280.png') });

  const pdf = await page.request.get((await manual.getAttribute('href')) ?? '');
  expect(pdf.ok()).toBeTruthy();
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  const word = await page.request.get((await docs.getByRole('link', { name: 'Facilitator guide (Word)' }).getAttribute('href')) ?? '');
  expect(word.ok()).toBeTruthy();
  expect((await word.body()).subarray(0, 2).toString()).toBe('PK'); // a .docx is a zip

  const { codes } = await startTutorial(page, 'Documents');
  const delegate = await (await browser.newContext({ baseURL: baseURL() })).newPage();
  await join(delegate, codes.valdoria ?? '', 'Ana', TEAMS.valdoria);
  const own = delegate.getByRole('link', { name: 'Situation manual to print (PDF)' });
  await expect(own).toHaveAttribute('href', /\/manual\/valdoria\.pdf$/);
  const res = await delegate.request.get((await own.getAttribute('href')) ?? '');
  expect(res.ok()).toBeTruthy();
  expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');
});
