/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { completeWith } from './src/i18n/completeLocales';
// The room's service worker (offline app shell): built into dist/sw.js.
import { serviceWorker } from './src/exercise/outbox/swPlugin';

const backend = process.env.CBMEX_DEV_BACKEND ?? 'http://127.0.0.1:8080';

/**
 * Every language's message file is built complete (English where a text is not yet
 * translated), so the browser fetches the messages of its one language only, not
 * English beside them as i18next's fallback (see src/i18n/index.ts).
 */
function completeLocales(): Plugin {
  const LOCALE = /\/src\/i18n\/locales\/(?:[a-z]+\/)?([a-z]{2})\.json$/;
  return {
    name: 'cbmex-complete-locales',
    enforce: 'pre',
    transform(code, id) {
      const file = id.split('?')[0] ?? id;
      const lang = LOCALE.exec(file)?.[1];
      if (!lang || lang === 'en') return null;
      const enFile = file.replace(/[a-z]{2}\.json$/, 'en.json');
      this.addWatchFile(enFile);
      const en: unknown = JSON.parse(readFileSync(enFile, 'utf8'));
      return { code: JSON.stringify(completeWith(JSON.parse(code), en as never, lang)), map: null };
    },
  };
}

/**
 * The build renders with Preact through preact/compat (the same components and hooks,
 * ~40 kB gzip less than React DOM on the participant path); types stay React's.
 * See docs/performance.md.
 */
const preactCompat = [
  { find: /^react$/, replacement: 'preact/compat' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react-dom\/test-utils$/, replacement: 'preact/test-utils' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-runtime' },
];

export default defineConfig(({ command }) => ({
  plugins: [react(), serviceWorker(), completeLocales()],
  resolve: {
    // react-router's package exports point every bundler at its development build
    // (warnings and checks, ~25% larger); the build takes its production build.
    alias:
      command === 'build'
        ? [{ find: /^react-router$/, replacement: fileURLToPath(new URL('./node_modules/react-router/dist/production/index.mjs', import.meta.url)) }, ...preactCompat]
        : [],
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/healthz': { target: backend, changeOrigin: false },
      '/readyz': { target: backend, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    sourcemap: false,
    rolldownOptions: {
      onLog(level, log, handler) {
        // React Router looks React 19's useOptimistic up at run time and falls back
        // when it is missing, as it is in preact/compat: not a fault of the build.
        if (log.code === 'IMPORT_IS_UNDEFINED' && log.message.includes('useOptimistic')) return;
        handler(level, log);
      },
    },
  },
  test: {
    environment: 'jsdom',
    globals: false,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    testTimeout: 30_000,
  },
}));
