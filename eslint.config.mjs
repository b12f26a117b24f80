// Flat config: typescript-eslint's recommended rules, without type information
// so `npm run lint` stays fast; tsc (npm run typecheck) does the type checking.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const DEV_TOOLS = { group: ['**/dev/**', '**/emulator', '**/emulator/**', '**/playground', '**/playground/**'], message: 'src/ must not import the developer tools in dev/.' };

/** One no-restricted-imports block per layer; the developer tools are forbidden in every one of them. */
function boundaries(layers) {
  return layers.map(({ files, forbid }) => ({
    files,
    rules: { 'no-restricted-imports': ['error', { patterns: [DEV_TOOLS, ...forbid] }] },
  }));
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  // Boundaries (docs/architecture.md): each layer imports only those below it.
  // A later block for the same files replaces this rule, so every layer repeats the first pattern.
  ...boundaries([
    {
      // The product never reaches for the developer tools: they stay out of the production build and the image.
      files: ['src/**/*.ts'],
      forbid: [],
    },
    {
      // The engine is pure: rules and state, no I/O of any kind.
      files: ['src/engine/**/*.ts'],
      forbid: [
        { group: ['node:*', 'ioredis', '@slack/*', 'pino', 'dotenv'], message: 'The engine does no I/O.' },
        { group: ['**/store/**', '**/scheduler/**', '**/service/**', '**/slack/**', '**/redis/**', '**/config', '**/logger', '**/logging/**', '**/shutdown', '**/bot'], message: 'The engine imports nothing outside src/engine.' },
      ],
    },
    {
      // Persistence and the session service know no Slack.
      files: ['src/service/**/*.ts', 'src/scheduler/**/*.ts', 'src/store/**/*.ts', 'src/redis/**/*.ts'],
      forbid: [
        { group: ['@slack/*', '**/slack/**', '**/slack'], message: 'service/, scheduler/, store/ and redis/ must not import Slack: the service talks to it through its ports (service/ports.ts).' },
        { group: ['**/bot'], message: 'Only the entry point imports the composition root.' },
      ],
    },
    {
      // The store and the scheduler are below the service.
      files: ['src/scheduler/**/*.ts', 'src/store/**/*.ts', 'src/redis/**/*.ts'],
      forbid: [
        { group: ['@slack/*', '**/slack/**', '**/slack'], message: 'scheduler/, store/ and redis/ must not import Slack.' },
        { group: ['**/service/**', '**/bot'], message: 'scheduler/, store/ and redis/ are below the service.' },
      ],
    },
    {
      // The Slack side is plugged in by the composition root, never the other way round.
      files: ['src/slack/**/*.ts'],
      forbid: [{ group: ['**/bot'], message: 'Only the entry point imports the composition root.' }],
    },
  ]),
  {
    // Files a reader can hold in mind: no product file over 300 lines, no function over 50.
    files: ['src/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 300 }],
      'max-lines-per-function': ['error', { max: 50 }],
    },
  },
  {
    // Plain Node scripts and configuration (CommonJS).
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
