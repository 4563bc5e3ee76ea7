/**
 * Browser mode's token is kept per data folder (issue #11, defect 15): a tab left open across a
 * restart on the same folder reconnects with the address it has. The file is owner-only.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionToken, TOKEN_FILE } from '../../../src/main/transport/session';

describe('the data folder\'s browser token', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'backprop-lab-token-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is made once, kept owner-only, and the same at the next start', () => {
    const first = sessionToken({}, dir);
    expect(first).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(readFileSync(join(dir, TOKEN_FILE), 'utf8').trim()).toBe(first);
    if (process.platform !== 'win32') expect(statSync(join(dir, TOKEN_FILE)).mode & 0o777).toBe(0o600);
    expect(sessionToken({}, dir)).toBe(first);
  });

  it('differs between data folders', () => {
    const other = mkdtempSync(join(tmpdir(), 'backprop-lab-token-'));
    try {
      expect(sessionToken({}, other)).not.toBe(sessionToken({}, dir));
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it.skipIf(process.platform === 'win32')('is replaced when the file was made readable by others, or holds no token', () => {
    const first = sessionToken({}, dir);
    chmodSync(join(dir, TOKEN_FILE), 0o644);
    const second = sessionToken({}, dir);
    expect(second).not.toBe(first);
    expect(statSync(join(dir, TOKEN_FILE)).mode & 0o777).toBe(0o600);
    writeFileSync(join(dir, TOKEN_FILE), 'short\n', { mode: 0o600 });
    expect(sessionToken({}, dir)).not.toBe('short');
  });

  it('gives way to BACKPROP_LAB_TOKEN and writes nothing then', () => {
    expect(sessionToken({ BACKPROP_LAB_TOKEN: 'fixed-by-a-test' }, dir)).toBe('fixed-by-a-test');
    expect(() => statSync(join(dir, TOKEN_FILE))).toThrow();
  });
});
