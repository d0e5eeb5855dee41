import { existsSync, readFileSync } from 'node:fs';
import { dirname, join as pathJoin } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { baseURL } from './env';
import { join, signIn, startTutorial, TEAMS } from './live-helpers';

// What a participant's browser downloads to get from the join page into the room: the
// translations of one language (and English), not all six. The sizes are printed (the
// gzip size of each script in dist/), for docs/performance.md; nothing is timed.
test.use({ baseURL: baseURL(), viewport: { width: 1280, height: 800 }, trace: 'off' });

const dist = pathJoin(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
// The locale chunks are named after their file: en-<hash>.js, ru-<hash>.js …
const LOCALE_CHUNK = /^\/assets\/(en|fr|de|it|ru|es)-[\w-]+\.js$/;

/** The scripts a page fetches, by path (/assets/…), in the order asked. */
function scriptsOf(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith('.js') && !seen.includes(path)) seen.push(path);
  });
  return seen;
}

/** What came over the wire (bytes of the bodies as sent, compressed or not) and how, by path. */
function wireOf(page: Page): Map<string, { bytes: number; encoding: string }> {
  const seen = new Map<string, { bytes: number; encoding: string }>();
  page.on('requestfinished', (r) => {
    void Promise.all([r.sizes(), r.response()]).then(([sizes, res]) => {
      seen.set(new URL(r.url()).pathname, { bytes: sizes.responseBodySize, encoding: res?.headers()['content-encoding'] ?? '' });
    });
  });
  return seen;
}

const localesIn = (scripts: string[]) => [...new Set(scripts.map((p) => LOCALE_CHUNK.exec(p)?.[1]).filter(Boolean))].sort();
const gzipBytes = (path: string) => gzipSync(readFileSync(pathJoin(dist, path))).length;

test('a participant’s first load fetches one language’s translations, and another when chosen', async ({ page, browser }) => {
  await signIn(page);
  const ex = await startTutorial(page, `First load ${Date.now()}`);
  const ctx = await browser.newContext({ baseURL: baseURL(), viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  try {
    const guest = await ctx.newPage();
    const scripts = scriptsOf(guest);
    const wire = wireOf(guest);
    await join(guest, ex.codes.valdoria!, 'Victor', TEAMS.valdoria);
    await expect(guest.getByRole('heading', { name: 'Injects' })).toBeVisible();
    expect(localesIn(scripts)).toEqual(['en']);
    // The built files go out precompressed (brotli: Chromium accepts it); the build
    // leaves files under 1 KiB as they are.
    await expect.poll(() => scripts.every((p) => wire.has(p))).toBe(true);
    for (const p of scripts) expect(wire.get(p)?.encoding, p).toBe(existsSync(pathJoin(dist, `${p}.br`)) ? 'br' : '');
    const onWire = [...wire.values()].reduce((n, w) => n + w.bytes, 0);
    const jsOnWire = scripts.reduce((n, p) => n + (wire.get(p)?.bytes ?? 0), 0);
    console.log(`room first load on the wire: ${wire.size} responses, ${(onWire / 1024).toFixed(1)} kB; JavaScript ${(jsOnWire / 1024).toFixed(1)} kB (brotli)`);
    test.info().annotations.push({ type: 'room first load on the wire', description: `${(onWire / 1024).toFixed(1)} kB, JS ${(jsOnWire / 1024).toFixed(1)} kB` });

    const total = scripts.reduce((n, p) => n + gzipBytes(p), 0);
    console.log(`room first load: ${scripts.length} scripts, ${(total / 1024).toFixed(1)} kB gzip`);
    for (const p of [...scripts].sort()) console.log(`  ${p} ${(gzipBytes(p) / 1024).toFixed(1)} kB`);
    test.info().annotations.push({ type: 'room first-load JS (gzip)', description: `${(total / 1024).toFixed(1)} kB` });

    await guest.getByLabel('Language').selectOption('ru');
    await expect(guest.getByRole('heading', { name: 'Вводные' })).toBeVisible();
    expect(localesIn(scripts)).toEqual(['en', 'ru']);
  } finally {
    await ctx.close();
  }
});
