// Shared by the budget and the slow-network scripts: start a real `cbmex serve` on a free
// port with a fresh SQLite folder, make a started exercise of the tutorial through the
// API, and launch the system Chromium. Nothing here is a test; the scripts print figures.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const here = dirname(fileURLToPath(import.meta.url));
export const frontendDir = resolve(here, '..', '..');
export const distDir = join(frontendDir, 'dist');

const ADMIN_EMAIL = 'admin@example.org';
const ADMIN_PASSWORD = 'budget-admin-password-long-enough';

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts the binary (CBMEX_BIN, else ../bin/cbmex) and resolves to { baseURL, stop }.
 * With CBMEX_BASE_URL set, uses that server instead (it must know ADMIN_* below).
 */
export async function startServer() {
  if (process.env.CBMEX_BASE_URL) return { baseURL: process.env.CBMEX_BASE_URL, stop: async () => {} };
  const bin = resolve(process.env.CBMEX_BIN || join(frontendDir, '..', 'bin', 'cbmex'));
  if (!existsSync(bin)) throw new Error(`no binary at ${bin}: run \`make bin/cbmex\` or set CBMEX_BIN`);
  const port = await freePort();
  const data = mkdtempSync(join(tmpdir(), 'cbmex-budget-'));
  const env = { ...process.env };
  delete env.CBMEX_DATABASE_URL;
  Object.assign(env, {
    CBMEX_ADDR: `127.0.0.1:${port}`,
    CBMEX_DATA_DIR: data,
    CBMEX_ADMIN_EMAIL: ADMIN_EMAIL,
    CBMEX_ADMIN_PASSWORD: ADMIN_PASSWORD,
    CBMEX_JOINS_PER_CODE: '100000', // every run joins anew with the same code
  });
  const child = spawn(bin, ['serve'], { env, stdio: 'ignore' });
  const baseURL = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(data, { recursive: true, force: true });
  };
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${baseURL}/readyz`)).ok) return { baseURL, stop };
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  await stop();
  throw new Error(`cbmex at ${bin} did not become ready`);
}

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Signs in as the administrator and starts a tutorial exercise; resolves to the Valdoria join code. */
export async function startTutorial(browser, baseURL) {
  const ctx = await browser.newContext({ baseURL });
  try {
    const req = ctx.request;
    const login = await req.post('/api/v1/auth/login', { data: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
    if (!login.ok()) throw new Error(`sign-in: ${login.status()} ${await login.text()}`);
    const csrf = (await ctx.cookies()).find((c) => c.name === 'cbmex_csrf')?.value ?? '';
    const post = async (path, data) => {
      const r = await req.post(`/api/v1${path}`, { data: data ?? {}, headers: { 'X-CSRF-Token': csrf } });
      if (!r.ok()) throw new Error(`${path}: ${r.status()} ${await r.text()}`);
      const text = await r.text();
      return text ? JSON.parse(text) : undefined;
    };
    const w = await post('/workshops', {
      title: 'Budget workshop',
      host_organisation: 'OSCE',
      place: 'Vienna',
      starts_on: '2026-03-02',
      ends_on: '2026-03-02',
      language: 'en',
      participants: [],
      facilitator_ids: [],
    });
    const e = await post('/exercises', { workshop_id: w.workshop.id, scenario_id: 'tutorial-first-contact', title: 'Budget' });
    await post(`/exercises/${e.exercise.id}/start`);
    return e.exercise.teams.find((t) => t.key === 'valdoria').join_code;
  } finally {
    await ctx.close();
  }
}

/** The join form's name field and the first inject card of the room. */
export const nameField = (page) => page.locator('input[name="name"]');
export const firstInject = (page) => page.locator('.ex-feed-list > li').first();

/**
 * A participant's way in, from the join link: the form, then the room with its first
 * inject. Resolves to the milliseconds from the navigation's start to each.
 */
export async function joinFromLink(page, code, name = 'Victor') {
  const t0 = Date.now();
  await page.goto(`/join?code=${encodeURIComponent(code)}`, { waitUntil: 'commit', timeout: 120_000 });
  await nameField(page).waitFor({ state: 'visible', timeout: 120_000 });
  const form = Date.now() - t0;
  await nameField(page).fill(name);
  await page.locator('form button[type="submit"]').click();
  await firstInject(page).waitFor({ state: 'visible', timeout: 120_000 });
  const room = Date.now() - t0;
  return { form, room };
}
