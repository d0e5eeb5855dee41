/**
 * Builds the service worker (sw.js beside this file) into dist/sw.js: fills in a
 * version taken from the build's file names (a new build installs a new worker, which
 * drops the old files from its cache) and the app shell to cache at install (the entry
 * chunk, what it imports and its CSS; the room's chunks and the UI language are cached
 * when the page uses them).
 *
 * Hand-written rather than vite-plugin-pwa/Workbox: Workbox precaches every chunk of the
 * build (six UI languages, the console, the editor, the charts), which is what a weak
 * link must not download for a participant; the worker needed here is a hundred lines.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin, Rolldown } from 'vite';

type OutputBundle = Rolldown.OutputBundle;
type Chunk = Rolldown.OutputChunk;

/**
 * The room's parts that load on first use rather than with the page (the composer):
 * cached at install too, so that "New message" still opens when the link
 * has dropped since the room was loaded. The worker fetches them in the background,
 * after the page is usable; they are not on the first load's path.
 */
const ROOM_ON_DEMAND = ['/src/exercise/room/Composer.tsx'];

/** The entry chunks, the chunks they import (not the dynamic ones), the room's on-demand parts and their CSS, as URLs. */
export function shellFiles(bundle: OutputBundle): string[] {
  const out = new Set<string>();
  const visit = (name: string) => {
    const c = bundle[name];
    if (!c || c.type !== 'chunk' || out.has(`/${name}`)) return;
    out.add(`/${name}`);
    for (const css of (c as Chunk & { viteMetadata?: { importedCss: Set<string> } }).viteMetadata?.importedCss ?? []) {
      out.add(`/${css}`);
    }
    c.imports.forEach(visit);
  };
  for (const [name, c] of Object.entries(bundle)) {
    if (c.type !== 'chunk') continue;
    const module = c.facadeModuleId ?? '';
    if (c.isEntry || ROOM_ON_DEMAND.some((m) => module.endsWith(m))) visit(name);
  }
  return [...out].sort();
}

export function serviceWorker(): Plugin {
  return {
    name: 'cbmex-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const version = createHash('sha256').update(Object.keys(bundle).sort().join('\n')).digest('hex').slice(0, 16);
      const template = readFileSync(fileURLToPath(new URL('./sw.js', import.meta.url)), 'utf8');
      const source = template
        .replace('__CBMEX_SW_VERSION__', version)
        .replace('__CBMEX_SW_SHELL__', JSON.stringify(shellFiles(bundle)).replace(/'/g, "\\'"));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}
