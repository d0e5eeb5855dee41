import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN_EMAIL, ADMIN_PASSWORD, BASE_URL_ENV } from './env';

const here = dirname(fileURLToPath(import.meta.url));

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => ok(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitReady(url: string, child: ChildProcess, logFile: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const log = await readFile(logFile, 'utf8').catch(() => '');
      throw new Error(`cbmex exited early (code ${child.exitCode}, signal ${child.signalCode}). Its log:\n${log}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = String(err);
    }
    await sleep(200);
  }
  const log = await readFile(logFile, 'utf8').catch(() => '');
  throw new Error(`cbmex did not answer 200 on ${url} within ${timeoutMs} ms (last: ${last}). Its log:\n${log}`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

/** Starts `cbmex serve` on a free port with a fresh data folder; the returned function stops it. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const bin = resolve(process.env.CBMEX_BIN || join(here, '..', '..', 'bin', 'cbmex'));
  if (!existsSync(bin)) {
    throw new Error(
      `The backend binary ${bin} does not exist. Build it with the UI embedded: ` +
        '`npm run build` in frontend/, then `go build -tags ui -o bin/cbmex ./backend/cmd/cbmex` ' +
        '(or `make build`), or point CBMEX_BIN at a binary.',
    );
  }
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'cbmex-e2e-'));
  const logFile = join(dataDir, 'server.log');
  const log = createWriteStream(logFile);

  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.CBMEX_DATABASE_URL; // the e2e tests always use SQLite in the temp folder
  Object.assign(env, {
    CBMEX_ADDR: `127.0.0.1:${port}`,
    CBMEX_DATA_DIR: dataDir,
    CBMEX_ADMIN_EMAIL: ADMIN_EMAIL,
    CBMEX_ADMIN_PASSWORD: ADMIN_PASSWORD,
  });

  const child = spawn(bin, ['serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });

  const baseURL = `http://127.0.0.1:${port}`;
  try {
    await waitReady(`${baseURL}/readyz`, child, logFile);
  } catch (err) {
    await stop(child);
    throw err;
  }
  // A binary built without `-tags ui` answers / with a "how to build the UI" page.
  const home = await fetch(`${baseURL}/`).then((r) => r.text());
  if (!home.includes('id="root"')) {
    await stop(child);
    throw new Error(
      `${bin} was built without the web interface. Run \`npm run build\` in frontend/, then ` +
        '`go build -tags ui -o bin/cbmex ./backend/cmd/cbmex` (or `make build`).',
    );
  }
  process.env[BASE_URL_ENV] = baseURL;
  process.env.CBMEX_E2E_SERVER_LOG = logFile;
  console.log(`cbmex e2e: ${bin} serving at ${baseURL} (data in ${dataDir})`);

  return async () => {
    await stop(child);
    log.end();
    if (process.env.CBMEX_E2E_KEEP_DATA) {
      console.log(`cbmex e2e: kept ${dataDir}`);
    } else {
      await rm(dataDir, { recursive: true, force: true });
    }
  };
}
