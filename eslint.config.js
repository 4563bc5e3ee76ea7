// Lint, and the floor plan of docs/architecture.md ("Layers and floors"): each folder may import only the folders and packages listed for it.
import { builtinModules } from 'node:module';
import path from 'node:path';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';

const ROOT = import.meta.dirname;

/** Every Node built-in, as Node itself lists them (`fs`, `zlib`, `module`, ...), with or without `node:`. */
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

const SHARED = 'src/shared';
/** The domains: everything in src/shared below the protocols and the API. */
const DOMAINS = [
  'src/shared/nn', 'src/shared/data', 'src/shared/training', 'src/shared/model',
  'src/shared/analysis', 'src/shared/analysis/landscape', 'src/shared/analysis/featurevis', 'src/shared/tracking',
];

/**
 * The floor plan, as allow-lists. A key is a folder or a file of the repository; a file belongs to
 * the longest key that contains it, and may import files of its own floor, the floors named in
 * `imports`, and the packages named in `packages` ('node' stands for every Node built-in).
 * An `imports` entry that is not itself a key (`src/shared`) allows everything under it.
 * Files outside every floor (tests, bench, scripts, configs) are not checked.
 *
 * src/shared, from the ground up: nn (the engine) -> data -> training, model -> analysis (what
 * landscapes and feature visualization share), analysis/landscape, analysis/featurevis, tracking
 * -> the protocols (worker-protocol.ts, analysis-protocol.ts) -> api, which composes them all.
 * tests/unit/architecture/sharedLayers.test.ts checks that this plan and the import graph of
 * src/shared have no circle.
 */
export const FLOORS = {
  'src/shared/nn': { imports: [], packages: ['zod'] },
  'src/shared/data': { imports: ['src/shared/nn'], packages: ['zod'] },
  'src/shared/training': { imports: ['src/shared/nn', 'src/shared/data'], packages: ['zod'] },
  'src/shared/model': { imports: ['src/shared/nn', 'src/shared/data'], packages: ['zod', '@bufbuild/protobuf'] },
  'src/shared/analysis': { imports: ['src/shared/nn', 'src/shared/data', 'src/shared/training', 'src/shared/model'], packages: ['zod'] },
  'src/shared/analysis/landscape': {
    imports: ['src/shared/nn', 'src/shared/data', 'src/shared/training', 'src/shared/model', 'src/shared/analysis'], packages: ['zod'],
  },
  'src/shared/analysis/featurevis': {
    imports: ['src/shared/nn', 'src/shared/data', 'src/shared/training', 'src/shared/model', 'src/shared/analysis'], packages: ['zod', 'umap-js'],
  },
  'src/shared/tracking': { imports: ['src/shared/nn', 'src/shared/data', 'src/shared/training', 'src/shared/model'], packages: ['zod'] },
  'src/shared/worker-protocol.ts': { imports: DOMAINS, packages: [] },
  'src/shared/analysis-protocol.ts': { imports: DOMAINS, packages: [] },
  'src/shared/compute-protocol.ts': { imports: DOMAINS, packages: [] },
  'src/shared/api': { imports: [SHARED], packages: ['zod'] },

  /** The renderer: the API and the domains (the protocols are main's business with its workers). */
  'src/renderer': {
    imports: [...DOMAINS, 'src/shared/api', 'resources/examples'], packages: ['vue', 'pinia', 'echarts', 'echarts-gl', 'vue-echarts', 'zod'],
  },

  /** The sandboxed preload: the contract and ipcRenderer, nothing else. */
  'src/main/preload': { imports: ['src/shared/api'], packages: ['electron'] },
  /** Node-side files for services, workers and the CLI alike: the MNIST data, the WebAssembly kernels' loader. */
  'src/main/data': { imports: [SHARED], packages: ['node'] },
  /** Workers: shared code and the data sources; never services, never Electron. */
  'src/main/worker': { imports: [SHARED, 'src/main/data'], packages: ['node', 'tsx'] },
  'src/main/services': { imports: [SHARED, 'src/main/data', 'src/main/services/store', 'package.json'], packages: ['node', 'zod'] },
  /** The store: the one owner of the SQLite connection and of every SQL statement. */
  'src/main/services/store': { imports: [SHARED], packages: ['node', 'better-sqlite3'] },
  /** Browser mode's transports; only ipc.ts speaks Electron. */
  'src/main/transport': { imports: ['src/shared/api', 'src/main/services'], packages: ['node', 'ws'] },
  'src/main/transport/ipc.ts': { imports: ['src/shared/api', 'src/main/services'], packages: ['electron'] },
  /** The command line: the services, and the worker's training loop, which `train` runs in-process. */
  'src/main/cli': { imports: [SHARED, 'src/main/services', 'src/main/services/store', 'src/main/worker', 'src/main/data', 'src/main/browserMode.ts', 'src/main/transport', 'package.json'], packages: ['node', 'zod'] },
  'src/main/cli.ts': { imports: ['src/main/cli', 'src/main/services/store'], packages: ['node'] },
  'src/main/browserMode.ts': { imports: ['src/main/services', 'src/main/transport'], packages: ['node'] },
  'src/main/serve.ts': { imports: ['src/main/browserMode.ts', 'src/main/cli'], packages: ['node'] },
  /** The Electron entry: app lifecycle, window, menu. */
  'src/main/index.ts': {
    imports: ['src/main/services', 'src/main/transport', 'src/main/transport/ipc.ts', 'src/main/menu.ts', 'src/main/permissions.ts'], packages: ['node', 'electron'],
  },
  'src/main/menu.ts': { imports: [], packages: ['electron'] },
  /** The window's permission policy: a pure decision, so it is tested without Electron. */
  'src/main/permissions.ts': { imports: [], packages: [] },
};

const stripTs = (key) => key.replace(/\.ts$/, '');
const FLOOR_KEYS = Object.keys(FLOORS).sort((a, b) => b.length - a.length);
const within = (file, folder) => file === folder || file.startsWith(`${folder}/`);

/** The floor of a repository-relative path (with or without its .ts), or undefined. */
export function floorOf(file) {
  return FLOOR_KEYS.find((key) => (key.endsWith('.ts') ? file === key || file === stripTs(key) : within(file, key)));
}

/** `lodash/fp` -> lodash, `@scope/pkg/x` -> @scope/pkg, `node:fs`/`zlib` -> node. */
function packageOf(specifier) {
  if (NODE_BUILTINS.has(specifier) || specifier.startsWith('node:')) return 'node';
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Whether a file of `floor` may import `target` (a repository-relative path). */
export function mayImport(floor, target) {
  const targetFloor = floorOf(target);
  if (targetFloor === floor) return true;
  return FLOORS[floor].imports.some((allowed) =>
    allowed in FLOORS ? allowed === targetFloor : within(targetFloor ?? target, allowed));
}

const describeAllowed = (floor) => {
  const { imports, packages } = FLOORS[floor];
  const ours = imports.length ? `only ${imports.join(', ')}` : 'nothing of ours';
  return `${ours} (packages: ${packages.length ? packages.join(', ') : 'none'})`;
};

const floorsRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Each folder imports only the floors and packages its FLOORS entry in eslint.config.js allows.' },
    schema: [],
  },
  create(context) {
    const file = path.relative(ROOT, context.filename).split(path.sep).join('/');
    const floor = floorOf(file);
    if (!floor) return {};
    const check = (node, specifier) => {
      if (typeof specifier !== 'string') return;
      if (specifier.startsWith('.') || specifier.startsWith('/')) {
        const target = path.relative(ROOT, path.resolve(path.dirname(context.filename), specifier)).split(path.sep).join('/');
        if (!mayImport(floor, target)) {
          context.report({ node, message: `${floor} may import ${describeAllowed(floor)}; '${specifier}' is in ${floorOf(target) ?? target}.` });
        }
        return;
      }
      const pkg = packageOf(specifier);
      if (!FLOORS[floor].packages.includes(pkg)) {
        context.report({ node, message: `${floor} may import ${describeAllowed(floor)}; '${specifier}' is ${pkg === 'node' ? 'a Node built-in' : `the package ${pkg}`}.` });
      }
    };
    const fromSource = (node) => { if (node.source) check(node.source, node.source.value); };
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: (node) => { if (node.source.type === 'Literal') check(node.source, node.source.value); },
      TSImportType: (node) => {
        const literal = node.argument?.literal ?? node.argument;
        if (literal?.type === 'Literal') check(node.argument, literal.value);
      },
    };
  },
};

export default tseslint.config(
  // assembly/ is AssemblyScript, checked by its own compiler (asc); its @inline decorators do not parse as TypeScript
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'resources/**', 'assembly/**'] },
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
    files: ['src/**'],
    plugins: { local: { rules: { floors: floorsRule } } },
    rules: { 'local/floors': 'error' },
  },
);
