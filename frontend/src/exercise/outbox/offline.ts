/**
 * The room's side of the service worker (see sw.js): registers it, tells it which
 * built files the room loaded (so that a reload without network finds them), and
 * learns from it when what the room shows is a copy kept from before (offline).
 */
import { useEffect, useSyncExternalStore } from 'react';

let offlineCopy = false;
const listeners = new Set<() => void>();

function setOfflineCopy(v: boolean) {
  if (offlineCopy === v) return;
  offlineCopy = v;
  for (const fn of listeners) fn();
}

/** The built files (/assets/…) this page has loaded so far. */
export function loadedAssets(entries: readonly { name: string }[], origin: string): string[] {
  const out = new Set<string>();
  for (const e of entries) {
    try {
      const u = new URL(e.name, origin);
      if (u.origin === origin && u.pathname.startsWith('/assets/')) out.add(u.pathname);
    } catch {
      // not a URL
    }
  }
  return [...out];
}

let registered = false;

/** Registers the worker once per page (built app only: the dev server has no sw.js). */
export function registerServiceWorker() {
  if (registered || !import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  registered = true;
  navigator.serviceWorker.addEventListener('message', (ev: MessageEvent<unknown>) => {
    const d = ev.data as { type?: string } | null;
    if (d?.type === 'offline-copy') setOfflineCopy(true);
  });
  navigator.serviceWorker
    .register('/sw.js')
    .then(() => navigator.serviceWorker.ready)
    .then((reg) => {
      const urls = loadedAssets(performance.getEntriesByType('resource'), location.origin);
      reg.active?.postMessage({ type: 'cache-assets', urls });
    })
    .catch(() => undefined); // no worker: the room works, only not after an offline reload
}

/**
 * Whether the room shows reads kept from before because the network failed; false again
 * once the live stream is back (the page then reads afresh).
 */
export function useOfflineCopy(live: boolean): boolean {
  useEffect(() => {
    registerServiceWorker();
  }, []);
  useEffect(() => {
    if (live) setOfflineCopy(false);
  }, [live]);
  return useSyncExternalStore(
    (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    () => offlineCopy,
  );
}
