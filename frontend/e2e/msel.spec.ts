import { expect, test } from '@playwright/test';
import { baseURL } from './env';
import { signIn } from './live-helpers';

test.use({ baseURL: baseURL() });

// A facilitator downloads a scenario's MSEL and imports a spreadsheet with bad
// rows: nothing is imported and each bad row is named.
test('MSEL spreadsheets: download, and a refused import names its rows', async ({ page }) => {
  await signIn(page);
  await page.goto('/scenarios/grid-cascade');
  const before = await page.getByTestId('scenario-version').textContent();
  const link = page.getByRole('link', { name: 'Download MSEL (XLSX)' });
  await expect(link).toBeVisible();
  const res = await page.request.get((await link.getAttribute('href')) ?? '');
  expect(res.ok()).toBeTruthy();
  expect((await res.body()).subarray(0, 2).toString()).toBe('PK'); // an XLSX is a zip

  const csv = 'Time,Title,Body,To\n0:05,Fine,A body,all\ntomorrow,Broken,Another,all\n';
  await page.getByText('Import MSEL (CSV or XLSX)').setInputFiles({ name: 'msel.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const alert = page.getByRole('alert').filter({ hasText: 'Nothing was imported' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('row 3');
  await expect(page.getByTestId('scenario-version')).toHaveText(before ?? '');
});
