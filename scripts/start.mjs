#!/usr/bin/env node
// `npm start`: the Electron app when Electron can run here, otherwise browser mode.
//
// better-sqlite3 and two ABIs: node_modules keeps the Node build, which tests, the CLI and
// browser mode use and which nothing here ever rebuilds. For Electron a second copy is built
// once per (better-sqlite3, Electron) version pair into node_modules/.cache/backprop-lab/ with
// node-gyp against Electron's headers (needs a connected machine), and the main process loads it
// through BACKPROP_LAB_SQLITE_BINDING (better-sqlite3's `nativeBinding` option). So `npm start`
// and `npm test` each get the build they need without rebuilding the other's.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(join(root, 'package.json'));
const args = process.argv.slice(2);
const DOWNLOAD_TIMEOUT_MS = 30_000;
const isWindows = process.platform === 'win32';

/** The Electron executable, or why there is none. */
function findElectron() {
  let dir;
  try {
    dir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return { reason: 'no display' };
  const binary = () => {
    const pathFile = join(dir, 'path.txt');
    const file = existsSync(pathFile) ? join(dir, 'dist', readFileSync(pathFile, 'utf8').trim()) : null;
    return file && existsSync(file) ? file : null;
  };
  if (!binary()) {
    // Electron 42+ fetches its binary on first use; give it one short try.
    const fetched = spawnSync(process.execPath, [join(dir, 'install.js')], { stdio: 'ignore', timeout: DOWNLOAD_TIMEOUT_MS });
    if (fetched.status !== 0 || !binary()) return { reason: 'its binary is missing and could not be downloaded' };
  }
  const version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  return { binary: binary(), version };
}

/** better-sqlite3 built for Electron's ABI, built on first use; throws with node-gyp's complaint. */
function electronSqliteBinding(electronVersion) {
  const source = dirname(require.resolve('better-sqlite3/package.json'));
  const version = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')).version;
  const dir = join(root, 'node_modules', '.cache', 'backprop-lab', `better-sqlite3-${version}-electron-${electronVersion}`);
  const binding = join(dir, 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(binding)) return binding;
  console.log(`Building better-sqlite3 ${version} for Electron ${electronVersion} (once)...`);
  cpSync(source, dir, { recursive: true, filter: (path) => !path.startsWith(join(source, 'build')) });
  const gyp = process.env.npm_config_node_gyp;
  const [command, gypArgs] = gyp ? [process.execPath, [gyp]] : [isWindows ? 'npx.cmd' : 'npx', ['--yes', 'node-gyp']];
  const built = spawnSync(command, [...gypArgs, 'rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`,
    '--dist-url=https://electronjs.org/headers'], { cwd: dir, stdio: 'inherit', shell: isWindows });
  if (built.status !== 0 || !existsSync(binding)) throw new Error('better-sqlite3 could not be built for Electron');
  return binding;
}

function build() {
  const kernels = spawnSync(process.execPath, [join(root, 'scripts', 'build-wasm.mjs')], { cwd: root, stdio: 'inherit' });
  if (kernels.status !== 0) process.exit(kernels.status ?? 1);
  const result = spawnSync(isWindows ? 'npx.cmd' : 'npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit', shell: isWindows });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Runs a child with our terminal, passes Ctrl-C / SIGTERM on, and exits with its code. */
function run(command, commandArgs, env) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const USAGE = `usage: npm start -- [--data-dir DIR] [--port N] [--max-jobs N]

  --data-dir DIR  keep the runs in DIR (default: $BACKPROP_LAB_HOME, else the app's own folder)
  --port N        browser mode only: listen on 127.0.0.1:N, 0 to 65535
  --max-jobs N    browser mode only: train at most N runs at once`;

/**
 * What is wrong with the command line, or undefined: unknown flags, missing or bad values, and
 * (once it is known whether Electron runs here, `browserMode` given) browser-mode flags for the app.
 */
function argsProblem(list, browserMode) {
  for (let i = 0; i < list.length; i++) {
    const arg = list[i];
    if (!arg.startsWith('--')) return `unexpected argument '${arg}'; flags start with --`;
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (!['data-dir', 'port', 'max-jobs'].includes(name)) return `unknown flag '--${name}'; npm start takes --data-dir, --port, --max-jobs`;
    const value = eq >= 0 ? arg.slice(eq + 1) : list[++i];
    if (value === undefined || value === '') return `--${name} needs a value`;
    if (name === 'data-dir') continue;
    const n = Number(value);
    const ok = value.trim() !== '' && Number.isInteger(n) && (name === 'port' ? n >= 0 && n <= 65535 : n >= 1);
    if (!ok) return `--${name} takes a whole number ${name === 'port' ? 'from 0 to 65535' : '>= 1'}; '${value}' is not one`;
    if (browserMode === false) return `--${name} applies to browser mode only, and Electron runs here; drop it or use npm run serve -- --${name} ${value}`;
  }
  return undefined;
}

function exitOnBadArgs(browserMode) {
  const problem = argsProblem(args, browserMode);
  if (!problem) return;
  console.error(`${problem}\n\n${USAGE}`);
  process.exit(2);
}

exitOnBadArgs(undefined);
const electron = findElectron();
exitOnBadArgs(Boolean(electron.reason));
let binding;
let reason = electron.reason;
if (!reason) {
  try {
    binding = electronSqliteBinding(electron.version);
  } catch (err) {
    reason = err.message;
  }
}
build();
if (reason) {
  console.log(`Electron is not available here (${reason}): starting browser mode`);
  run(process.execPath, [join(root, 'out', 'main', 'serve.js'), ...args]);
} else {
  run(electron.binary, [root, ...args], { BACKPROP_LAB_SQLITE_BINDING: binding });
}
