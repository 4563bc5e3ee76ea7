// Lint, and the layering rules of DESIGN.md: each folder may import only what its runtime has.
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'http', 'net', 'crypto', 'url', 'events', 'stream', 'util'];
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'resources/**'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  {
    files: ['src/shared/**'],
    rules: restrict(['electron', 'better-sqlite3', 'vue', 'pinia', 'echarts', ...nodeBuiltins, '**/main/**', '**/renderer/**'],
      'src/shared is pure TypeScript: no electron, node, DOM frameworks, main or renderer imports.'),
  },
  {
    files: ['src/renderer/**'],
    rules: restrict(['electron', 'better-sqlite3', ...nodeBuiltins, '**/main/**'],
      'the renderer only displays and asks: no electron, node, sqlite or main imports.'),
  },
  {
    files: ['src/main/services/**', 'src/main/worker/**', 'src/main/cli.ts', 'src/main/cli/**', 'src/main/serve.ts', 'src/main/transport/ws*'],
    rules: restrict(['electron', 'better-sqlite3', '**/renderer/**'],
      'services, workers and browser mode know nothing of Electron; only src/main/services/store/ opens SQLite and runs SQL.'),
  },
  {
    files: ['src/main/services/store/**'],
    rules: restrict(['electron', '**/renderer/**'], 'the store knows nothing of Electron.'),
  },
);
