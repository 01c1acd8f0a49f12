// Lint for the whole workspace. Module boundaries (who may import whom) are enforced with
// ESLint's own no-restricted-imports, one block per project scope:
//   libs/shared → nothing but itself (runs anywhere: no Node, DOM, React or Nest);
//   apps/server, apps/console, test, bench → libs/shared, never each other;
//   libs/client (the SDK) and apps/cli → libs/shared (the CLI also libs/client), never the apps.
// Inside the server, imports point down its layers (tools/lint/server-layers.mjs), and tests
// wait for facts, never for time (tools/lint/no-fixed-sleeps.mjs).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import noFixedSleeps from './tools/lint/no-fixed-sleeps.mjs';
import serverLayers from './tools/lint/server-layers.mjs';

const serverImports = ['**/apps/server/**', '@switchboard/server', '@switchboard/server/*'];
const consoleImports = ['**/apps/console/**', '@switchboard/console', '@switchboard/console/*'];
const sharedInternals = ['**/libs/shared/**', '@switchboard/shared/*'];

const restrict = (groups, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }],
});

export default tseslint.config(
  {
    ignores: ['**/dist/**', 'apps/server/dist-*/**', '**/node_modules/**', '**/.nx/**', '**/coverage/**', 'data/**', 'bench/.tmp/**', 'docs/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['libs/shared/**/*.ts'],
    rules: restrict(
      [...serverImports, ...consoleImports, 'node:*', 'fs', 'path', 'react', 'react-dom', '@nestjs/*', 'typeorm', 'socket.io*'],
      'libs/shared is the wire contract: types, constants and pure helpers only.',
    ),
  },
  {
    files: ['apps/server/**/*.ts'],
    rules: restrict([...consoleImports, ...sharedInternals], 'The server may import only @switchboard/shared, never the console.'),
  },
  {
    files: ['apps/console/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict([...serverImports, ...sharedInternals], 'The console may import only @switchboard/shared, never the server.'),
  },
  {
    files: ['libs/client/**/*.ts', 'apps/cli/**/*.ts'],
    rules: restrict([...serverImports, ...consoleImports, ...sharedInternals], 'The client and the CLI talk to the server over its APIs; import only @switchboard/shared (and the CLI @switchboard/client).'),
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.{ts,mjs,js}'],
    rules: restrict([...serverImports, ...consoleImports, ...sharedInternals], 'Tests and benchmarks talk to the running server; import only @switchboard/shared.'),
  },
  serverLayers,
  noFixedSleeps,
);
