// A facilitator translates without a tool: the tutorial's Russian translation side by
// side with its English source, one text fixed and saved as a new version; the XLIFF
// for a translator's own tool downloaded, and a file with a unit the scenario does not
// have uploaded: that unit is named with its line and column, the others are used.
import { mkdirSync, readFileSync } from 'node:fs';
import { join as pathJoin } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { baseURL } from './env';
import { apiPost, signIn } from './live-helpers';

test.use({ baseURL: baseURL(), viewport: { width: 1280, height: 900 } });

const TUTORIAL = 'tutorial-first-contact';
const KEY = 'objectives.own-entry.text';

async function csrf(page: Page): Promise<Record<string, string>> {
  const c = (await page.context().cookies()).find((k) => k.name === 'cbmex_csrf');
  return c ? { 'X-CSRF-Token': c.value } : {};
}

async function apiGet<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(`/api/v1${path}`);
  expect(res.ok(), `${path}: ${res.status()} ${await res.text()}`).toBeTruthy();
  return (await res.json()) as T;
}

async function apiPut<T>(page: Page, path: string, data: unknown, contentType?: string): Promise<T> {
  const headers = { ...(await csrf(page)), ...(contentType ? { 'Content-Type': contentType } : {}) };
  const res = await page.request.put(`/api/v1${path}`, { data: data as string, headers });
  expect(res.ok(), `${path}: ${res.status()} ${await res.text()}`).toBeTruthy();
  return (await res.json()) as T;
}

interface Table {
  version: number;
  texts: { key: string; source: string; target: string; state: string }[];
}

/** A new facilitator account, signed in in a browser of its own. */
async function facilitator(admin: Page, browser: Browser): Promise<Page> {
  const email = `translator-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
  const password = 'a-facilitator-password-long-enough';
  await apiPost(admin, '/users', { email, name: 'Fiona Facilitator', role: 'facilitator', password });
  const ctx = await browser.newContext({ baseURL: baseURL(), viewport: { width: 1280, height: 900 } });
  const fac = await ctx.newPage();
  await fac.goto('/sign-in');
  await fac.locator('input[type=email]').fill(email);
  await fac.locator('input[type=password]').fill(password);
  await fac.locator('form button[type=submit]').click();
  await expect(fac).toHaveURL(/\/$/);
  await expect(fac.getByRole('heading', { level: 1 })).toBeVisible();
  return fac;
}

test('the tutorial in Russian: filter, fix a text and save a version, download the XLIFF, upload one with an unknown unit', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  await signIn(page);
  const fac = await facilitator(page, browser);
  const original = (await apiGet<Table>(fac, `/scenarios/${TUTORIAL}/translations/ru`)).texts.find((x) => x.key === KEY)!.target;
  try {
    await fac.goto(`/scenarios/${TUTORIAL}`);
    const panel = fac.getByRole('region', { name: 'Translations' });
    const ru = panel.getByTestId('translation-ru');
    await expect(ru.getByRole('heading', { level: 3, name: 'Русский' })).toBeVisible();
    await expect(ru.getByTestId('progress-ru')).toHaveText(/^Done (\d+) of \1 · stale 0 · missing 0$/);
    // The MSEL spreadsheet in any language the scenario has.
    await fac.getByLabel('MSEL language').selectOption({ label: 'Русский' });
    const msel = fac.getByRole('link', { name: 'Download MSEL (XLSX)' });
    await expect(msel).toHaveAttribute('href', /msel\.xlsx\?version=\d+&lang=ru$/);
    const xlsx = await fac.request.get((await msel.getAttribute('href')) ?? '');
    expect(xlsx.ok()).toBeTruthy();
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');

    await ru.getByRole('link', { name: 'Open side by side (Русский)' }).click();

    await expect(fac.getByRole('heading', { level: 1, name: 'Russian translation — First contact: a 15-minute tutorial' })).toBeVisible();
    const version = Number(/Version (\d+)/.exec((await fac.getByTestId('translation-version').textContent()) ?? '')?.[1]);
    // Complete: nothing needs work. All the texts are one click away.
    await expect(fac.getByText('Nothing needs work: every text is translated from the current source.')).toBeVisible();
    await fac.getByRole('radio', { name: /^All/ }).check();
    await expect(fac.getByTestId('shown-count')).toHaveText(/^(\d+) of \1 texts shown$/);
    await fac.getByRole('radio', { name: /^Stale/ }).check();
    await expect(fac.getByTestId('shown-count')).toHaveText(/^0 of \d+ texts shown$/);
    await fac.getByRole('radio', { name: /^Done/ }).check();

    const box = fac.getByRole('textbox', { name: `Translation of ${KEY}` });
    await expect(box).toHaveValue(original);
    await expect(box).toHaveAttribute('lang', 'ru');
    await box.fill(`${original} Проверено на учениях.`);
    await expect(fac.getByTestId('unsaved-count')).toHaveText('1 unsaved change');
    await fac.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(fac.getByTestId('translation-saved')).toHaveText(`Saved as version ${version + 1}.`);
    await expect(fac.getByTestId('translation-version')).toContainText(`Version ${version + 1}`);
    await expect(fac.getByTestId('unsaved-count')).toHaveText('No unsaved changes');
    await expect(box).toHaveValue(`${original} Проверено на учениях.`);

    // The XLIFF of the new version, for a translator's own tool.
    const [download] = await Promise.all([fac.waitForEvent('download'), fac.getByRole('link', { name: 'Download XLIFF' }).click()]);
    expect(download.suggestedFilename()).toBe(`${TUTORIAL}.ru.xlf`);
    const xlf = readFileSync((await download.path())!, 'utf8');
    expect(xlf).toContain(`<unit id="${KEY}">`);
    expect(xlf).toContain('Проверено на учениях.');

    // One unit more, for a text the scenario does not have.
    const lines = xlf.split('\n');
    const at = lines.findIndex((l) => l.trim() === '</file>');
    const unknown = [
      '    <unit id="injects.no-such-inject.title">',
      '      <segment state="translated">',
      '        <source xml:space="preserve">A title</source>',
      '        <target xml:space="preserve">Заголовок</target>',
      '      </segment>',
      '    </unit>',
    ];
    lines.splice(at, 0, ...unknown);
    await fac.getByRole('link', { name: '← First contact: a 15-minute tutorial' }).click();
    await fac
      .getByRole('region', { name: 'Translations' })
      .getByLabel('Upload XLIFF (Русский)')
      .setInputFiles({ name: `${TUTORIAL}.ru.xlf`, mimeType: 'application/xliff+xml', buffer: Buffer.from(lines.join('\n')) });
    const result = fac.getByTestId('xliff-result');
    await expect(result).toContainText(`this is still version ${version + 1}`);
    await expect(result).toContainText('1 unit could not be used; the others were stored:');
    await expect(result.getByRole('listitem')).toHaveCount(1);
    await expect(result.getByRole('listitem')).toContainText(`line ${at + 1}, column 5, unit injects.no-such-inject.title:`);
  } finally {
    // The tutorial is shared with the other specs: put its text back.
    await apiPut(fac, `/scenarios/${TUTORIAL}/translations/ru`, { texts: { [KEY]: original } });
    await fac.context().close();
  }
});

/**
 * A copy of the tutorial with the tutorial's Russian translation, whose source then
 * changed: the title and the summary are stale, a new objective is missing.
 */
async function staleCopy(page: Page): Promise<string> {
  const id = `tutorial-translated-${Date.now()}`;
  const source = (await apiGet<{ source: string }>(page, `/scenarios/${TUTORIAL}`)).source.replace(/^id: .*$/m, `id: ${id}`);
  const res = await page.request.post(`/api/v1/scenarios?filename=${id}.yaml`, {
    data: source,
    headers: { ...(await csrf(page)), 'Content-Type': 'application/yaml' },
  });
  expect(res.ok(), await res.text()).toBeTruthy();
  const ru = await apiGet<Table>(page, `/scenarios/${TUTORIAL}/translations/ru`);
  await apiPut(page, `/scenarios/${id}/translations/ru`, { texts: Object.fromEntries(ru.texts.map((x) => [x.key, x.target])) });
  // The source changes after the translation: two texts go stale, a new one is missing.
  const changed = source
    .replace(/^title: .*$/m, 'title: "First contact: a 20-minute tutorial"')
    .replace('A short warm-up for first-time participants.', 'A short warm-up for first-time participants and observers.')
    .replace(
      /^(objectives:\n)/m,
      '$1  - key: ask-for-help\n    text: Know whom to ask in exercise control when the platform does something unexpected.\n    cbms: [8]\n',
    );
  await apiPut(page, `/scenarios/${id}?filename=${id}.yaml`, changed, 'application/yaml');
  return id;
}

test('a stale text confirmed as still right is done in the new version', async ({ page }) => {
  await signIn(page);
  const id = await staleCopy(page);
  await page.goto(`/scenarios/${id}`);
  await expect(page.getByTestId('progress-ru')).toHaveText(/· stale 2 · missing 1$/);
  await page.getByRole('link', { name: 'Open side by side (Русский)' }).click();
  await expect(page.getByTestId('shown-count')).toHaveText(/^3 of \d+ texts shown$/);
  const title = page.locator('li[data-key="title"]');
  await expect(title.getByText('Stale')).toBeVisible();
  await title.getByRole('button', { name: 'Source changed — keep translation' }).click();
  await expect(title.getByRole('button', { name: 'Source changed — keep translation' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('translation-saved')).toHaveText(/^Saved as version \d+\.$/);
  await expect(page.locator('li[data-key]')).toHaveCount(2);
  await expect(page.getByRole('radio', { name: 'Stale (1)' })).toBeVisible();
});

// The side-by-side view at 1280 and 390 px in the English and Russian UI fits the screen. Set
// CBMEX_SHOT_DIR to keep screenshots of it (a copy of the tutorial whose source changed after its
// translation).
const SHOT_DIR = process.env.CBMEX_SHOT_DIR;

test('the side-by-side view fits a wide screen and a phone, in English and Russian', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page);
  const id = await staleCopy(page);
  if (SHOT_DIR) mkdirSync(SHOT_DIR, { recursive: true });
  const fac = await facilitator(page, browser);
  for (const lang of ['en', 'ru']) {
    await fac.evaluate((l) => window.localStorage.setItem('cbmex.language', l), lang);
    for (const width of [1280, 390]) {
      await fac.setViewportSize({ width, height: width > 600 ? 900 : 844 });
      await fac.goto(`/scenarios/${id}/translations/ru`);
      await expect(fac.getByTestId('shown-count')).toBeVisible();
      await expect(fac.locator('li[data-key]')).toHaveCount(3);
      await fac
        .locator('li[data-key="objectives.ask-for-help.text"] textarea')
        .fill('Знать, к кому в группе управления учениями обратиться, если платформа ведёт себя неожиданно.');
      await fac.locator('li[data-key="summary"]').getByRole('button').click();
      expect(await fac.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await fac.evaluate(() => window.scrollTo(0, 0));
      if (SHOT_DIR) await fac.screenshot({ path: pathJoin(SHOT_DIR, `translations-${width}-${lang}.png`), fullPage: true });
    }
  }
  await fac.context().close();
});
