import js from '@eslint/js';
import globals from 'globals';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * The folders of src/ and what each may import besides itself. Every arrow points one
 * way, so folders never import each other both ways; App.tsx and main.tsx (which wire the
 * routes) and the tests' helpers in test/ may import anything. A unit is one folder, or
 * files given by a glob: the exercise's core is its top-level files (the REST hooks, the
 * stream, the projection, the clock) with the pieces its room and console share.
 */
const UNITS = {
  api: ['src/api'],
  i18n: ['src/i18n'],
  components: ['src/components'],
  auth: ['src/auth'],
  shell: ['src/shell'],
  users: ['src/users'],
  scenarios: ['src/scenarios'],
  exercise: ['src/exercise/*.{ts,tsx}', 'src/exercise/components', 'src/exercise/messages'],
  room: ['src/exercise/room'],
  console: ['src/exercise/console'],
  guest: ['src/exercise/guest'],
  workshops: ['src/workshops'],
  report: ['src/report'],
};
const BASE = ['api', 'i18n'];
const MAY_IMPORT = {
  api: [],
  i18n: [],
  components: [...BASE],
  auth: [...BASE, 'components'],
  shell: [...BASE, 'components', 'auth'],
  users: [...BASE, 'components', 'auth'],
  scenarios: [...BASE, 'components', 'auth'],
  exercise: [...BASE, 'components', 'auth'],
  room: [...BASE, 'components', 'auth', 'exercise'],
  console: [...BASE, 'components', 'auth', 'exercise'],
  guest: [...BASE, 'components', 'auth', 'exercise'],
  workshops: [...BASE, 'components', 'auth', 'exercise'],
  report: [...BASE, 'components', 'auth', 'shell', 'exercise'],
};

// The table must itself be free of cycles (a unit may only import units listed before it).
Object.entries(MAY_IMPORT).forEach(([unit, deps], i) => {
  const before = Object.keys(MAY_IMPORT).slice(0, i);
  for (const d of deps) if (!before.includes(d)) throw new Error(`eslint.config.js: ${unit} may not import ${d}`);
});

// A glob for everything in a unit (no-restricted-paths wants `from` all globs or none).
const globsOf = (unit) => UNITS[unit].map((p) => (/[*{]/.test(p) ? p : `${p}/**`));
const folderZones = Object.entries(MAY_IMPORT).map(([unit, deps]) => ({
  target: UNITS[unit],
  from: Object.keys(UNITS)
    .filter((u) => u !== unit && !deps.includes(u))
    .flatMap(globsOf),
  message: `${unit} may import only ${deps.join(', ') || 'nothing else'} (see MAY_IMPORT in eslint.config.js).`,
}));

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'blob-report'] },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: {
      ecmaVersion: 2022,
      globals: { ...globals.browser },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json', '.css'] })],
    },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: folderZones }],
    },
  },
  {
    files: ['e2e/**/*.ts', 'playwright.config.ts', 'vite.config.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.{js,mjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
);
