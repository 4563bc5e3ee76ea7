import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from './runCli';

describe('cli serve', () => {
  it('rejects an unknown flag or a value that is not a number in range with exit code 2 and the usage', () => {
    for (const args of [['--port', 'http'], ['--port', '70000'], ['--max-jobs', '0'], ['--bogus']]) {
      const { code, stdout, stderr } = runCli(['serve', ...args]);
      expect(code, args.join(' ')).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^serve: /);
      expect(stderr).toContain('usage: backprop-lab serve [flags]');
      expect(stderr).toContain('--max-jobs N');
    }
  });

  it('is listed by help', () => {
    expect(runCli(['help']).stdout).toMatch(/^ {2}serve {2,}browser mode/m);
    expect(runCli(['serve', '--help']).stdout).toContain('--port N');
  });

  it('serves the data folder, holding its lock, until SIGTERM, then frees it', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main/cli.ts'), 'serve', '--data-dir', dir, '--port', '0', '--max-jobs', '1'], {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, BACKPROP_LAB_TOKEN: 'serve-test-token' },
    });
    try {
      let stdout = '';
      const address = await new Promise<string>((resolve, reject) => {
        child.stdout!.on('data', (d) => {
          stdout += d;
          const m = /^Backprop Lab \(browser mode\): (http:\/\/127\.0\.0\.1:\d+\/\?token=serve-test-token)\n/.exec(stdout);
          if (m) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      expect(readFileSync(join(dir, 'backprop-lab.lock'), 'utf8').split('\n')[0]).toBe(String(child.pid));
      expect(address).toContain('127.0.0.1');
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(existsSync(join(dir, 'backprop-lab.lock'))).toBe(false);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
