/* global self, caches */
/**
 * cbmex's service worker: a reload without network still opens the room, with what it
 * showed when it was last connected.
 *
 * - the app shell: index.html (network first, so a new release is picked up at once)
 *   and the built files under /assets/ (cache first: their names carry their hash);
 *   the entry and what it imports are cached at install, the room's own chunks and the
 *   UI language when the page uses them (the page tells the worker what it loaded), so
 *   a weak link never downloads the console, the editor or five other languages for it;
 * - the room's last reads (the exercise, its injects, messages, briefing, directory,
 *   comm checks, the viewer's session and the CBM list): network first; when the network
 *   fails the last copy is served and the page is told it is an offline copy.
 * Writes and the event stream are never touched (the room's outbox keeps the writes);
 * joining, signing in or out drops the kept reads (a browser shared by delegations).
 *
 * The build (vite.config.ts, service worker block) fills in VERSION and SHELL.
 */
const VERSION = '__CBMEX_SW_VERSION__';
const SHELL = /** @type {string[]} */ (JSON.parse('__CBMEX_SW_SHELL__'));
const SHELL_CACHE = `cbmex-shell-${VERSION}`;
const READS_CACHE = 'cbmex-reads-v1';
/** How long a read or a page load may take before the kept copy is shown instead. */
const NETWORK_WAIT_MS = 10000;

const ROOM_READS = [
  /^\/api\/v1\/exercises\/\d+$/,
  /^\/api\/v1\/exercises\/\d+\/(injects|messages|briefing|poc|commchecks|actors|tours)$/,
  /^\/api\/v1\/(auth\/me|cbms)$/,
];

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      await cache.addAll(['/', ...SHELL]);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('cbmex-shell-') && name !== SHELL_CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

// The page lists the built files it loaded (the room's chunks, its language).
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'cache-assets' || !Array.isArray(data.urls)) return;
  const urls = data.urls.filter((u) => typeof u === 'string' && new URL(u, self.location.origin).pathname.startsWith('/assets/'));
  event.waitUntil(
    caches.open(SHELL_CACHE).then(async (cache) => {
      for (const u of urls) {
        if (!(await cache.match(u))) await cache.add(u).catch(() => undefined);
      }
    }),
  );
});

/** Who uses the browser changes: the reads kept for the one before are dropped. */
const SESSION_CHANGES = ['/api/v1/join', '/api/v1/auth/login', '/api/v1/auth/logout'];

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.method !== 'GET') {
    if (SESSION_CHANGES.includes(url.pathname)) event.waitUntil(caches.delete(READS_CACHE));
    return;
  }
  if (req.mode === 'navigate') {
    event.respondWith(page(req));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(asset(req));
  } else if (ROOM_READS.some((re) => re.test(url.pathname))) {
    event.respondWith(read(req, event.clientId));
  }
});

/**
 * Network first. When the network fails, or takes longer than NETWORK_WAIT_MS (a stalled
 * link), the kept copy is answered, if there is one; without one the network's answer is
 * awaited, however slow. A fresh answer replaces the copy.
 */
async function networkFirst(req, cacheName, cacheKey, keep, offlineCopy) {
  const cache = await caches.open(cacheName);
  const network = fetch(req).then(async (res) => {
    if (keep(res)) await cache.put(cacheKey, res.clone());
    return res;
  });
  let timer;
  const late = new Promise((resolve) => {
    timer = setTimeout(() => resolve(null), NETWORK_WAIT_MS);
  });
  try {
    const res = await Promise.race([network, late]);
    if (res) return res;
  } catch {
    // the network failed: the kept copy below
  } finally {
    clearTimeout(timer);
  }
  const kept = await cache.match(cacheKey);
  if (!kept) return network;
  network.catch(() => undefined);
  return offlineCopy(kept);
}

function page(req) {
  return networkFirst(
    req,
    SHELL_CACHE,
    '/',
    (res) => res.ok && (res.headers.get('Content-Type') || '').includes('text/html'),
    (kept) => kept,
  );
}

async function asset(req) {
  const cache = await caches.open(SHELL_CACHE);
  const kept = await cache.match(req);
  if (kept) return kept;
  const res = await fetch(req);
  if (res.ok) await cache.put(req, res.clone());
  return res;
}

function read(req, clientId) {
  return networkFirst(
    req,
    READS_CACHE,
    req,
    (res) => res.ok,
    async (kept) => {
      const client = clientId ? await self.clients.get(clientId) : undefined;
      client?.postMessage({ type: 'offline-copy', url: req.url });
      const headers = new Headers(kept.headers);
      headers.set('X-Cbmex-Offline-Copy', '1');
      return new Response(kept.body, { status: kept.status, statusText: kept.statusText, headers });
    },
  );
}
