// Starts and stops browser mode (`node out/main/serve.js`) for a test, the way a user would
// run it, and reads the address it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// BACKPROP_LAB_OUT: the build to test (see electron.vite.config.ts); default out/.
export const SERVE_JS = resolve(process.env.BACKPROP_LAB_OUT ?? 'out', 'main/serve.js');
export const SCREENSHOT_DIR = resolve('tests/e2e/screenshots');
const ADDRESS = /Backprop Lab \(browser mode\): (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/;

export interface RunningServer {
  /** The address as printed, token included. */
  url: string;
  /** The same address without the token. */
  origin: string;
  token: string;
  dataDir: string;
  stop(): Promise<void>;
}

export const newDataDir = (): string => mkdtempSync(join(tmpdir(), 'backprop-lab-e2e-'));
export const removeDataDir = (dir: string): void => rmSync(dir, { recursive: true, force: true });

/**
 * `token`: the server's BACKPROP_LAB_TOKEN (a fixed one by default); null: none, so the server
 * uses the data folder's own kept token as a user's would; `port`: 0 for any free one.
 */
export async function startServer(dataDir: string = newDataDir(), { token = 'e2e-token-0123456789abcdef', port = 0 }: { token?: string | null; port?: number } = {}): Promise<RunningServer> {
  // Port 0: the OS picks a free one, and the printed address says which.
  const env = { ...process.env };
  delete env.BACKPROP_LAB_TOKEN;
  const child = spawn(process.execPath, [SERVE_JS, '--data-dir', dataDir, '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: token === null ? env : { ...env, BACKPROP_LAB_TOKEN: token },
  });
  let output = '';
  const url = await new Promise<string>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`server printed no address within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const m = ADDRESS.exec(output);
      if (m) {
        clearTimeout(timer);
        resolvePromise(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before printing its address:\n${output}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token')!,
    dataDir,
    stop: () => stopProcess(child),
  };
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolvePromise();
    });
    // SIGTERM: the server closes the database cleanly, as after Ctrl-C.
    child.kill('SIGTERM');
  });
}
