#!/usr/bin/env node
// The JavaScript budget of the participant path: what a browser with an empty cache
// fetches to open the join page from its link and get into the room with its first
// inject, in English and in Russian (the longest translations). The scripts are the
// ones headless Chromium really asked for (so lazy chunks count only when a route
// loads them); each is counted at its gzip size, the .gz the build wrote beside it
// (files under 1 KiB are gzipped here). Brotli, which Chromium accepts, is smaller
// still and is printed too (bytes on the wire).
//
// Exits 1 when a language is over the budget. Needs the built binary (make bin/cbmex)
// and Chromium (CHROMIUM_PATH, else /usr/bin/chromium). Not a timed test.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { distDir, joinFromLink, launchChromium, startServer, startTutorial } from './lib/live.mjs';

const BUDGET = Number(process.env.CBMEX_JS_BUDGET_KB || 150) * 1000; // kB as Vite prints them: 1,000 bytes
const LANGS = ['en', 'ru'];

function gzipSize(path) {
  const file = join(distDir, path);
  if (existsSync(`${file}.gz`)) return readFileSync(`${file}.gz`).length;
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

const kB = (n) => `${(n / 1000).toFixed(1)} kB`;

async function measure(browser, baseURL, code, lang) {
  const ctx = await browser.newContext({ baseURL, locale: lang, viewport: { width: 390, height: 844 } });
  await ctx.addInitScript(`localStorage.setItem('cbmex.language', ${JSON.stringify(lang)})`);
  const page = await ctx.newPage();
  const scripts = new Map(); // path → bytes on the wire
  page.on('requestfinished', (r) => {
    const url = new URL(r.url());
    if (!url.pathname.endsWith('.js')) return;
    void r.sizes().then((s) => scripts.set(url.pathname, s.responseBodySize));
  });
  const times = await joinFromLink(page, code);
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await ctx.close();
  const rows = [...scripts].map(([path, wire]) => ({ path, gzip: gzipSize(path), wire })).sort((a, b) => b.gzip - a.gzip);
  return { lang, rows, gzip: rows.reduce((n, r) => n + r.gzip, 0), wire: rows.reduce((n, r) => n + r.wire, 0), times };
}

const server = await startServer();
const browser = await launchChromium();
let over = false;
try {
  const code = await startTutorial(browser, server.baseURL);
  for (const lang of LANGS) {
    const m = await measure(browser, server.baseURL, code, lang);
    console.log(`participant path (${lang}): ${m.rows.length} scripts, ${kB(m.gzip)} gzip (${kB(m.wire)} on the wire), budget ${kB(BUDGET)}`);
    for (const r of m.rows) console.log(`  ${r.path.padEnd(44)} ${kB(r.gzip).padStart(9)}`);
    if (m.gzip > BUDGET) {
      over = true;
      console.log(`  OVER BUDGET by ${kB(m.gzip - BUDGET)}`);
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
process.exit(over ? 1 : 0);
