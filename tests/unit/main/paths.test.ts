import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePort } from '../../../src/main/browserMode';
import { argValue } from '../../../src/main/services/args';
import { resolveDataDir } from '../../../src/main/services/dataDir';
import { trainWorkerEntry } from '../../../src/main/services/training/workerEntry';
import { resolveFile } from '../../../src/main/transport/http';
import { rendererDir } from '../../../src/main/transport/rendererDir';

describe('command-line values', () => {
  it('reads --name value and --name=value, the last one winning', () => {
    expect(argValue(['--port', '80', '--port=81'], 'port')).toBe('81');
    expect(argValue(['--data-dir=/a b'], 'data-dir')).toBe('/a b');
    expect(argValue(['--port'], 'port')).toBeUndefined();
  });

  it('prefers --data-dir, then BACKPROP_LAB_HOME, then the platform folder, then ~/.backprop-lab', () => {
    expect(resolveDataDir(['--data-dir', '/x'], { BACKPROP_LAB_HOME: '/y' }, '/z')).toBe('/x');
    expect(resolveDataDir([], { BACKPROP_LAB_HOME: '/y' }, '/z')).toBe('/y');
    expect(resolveDataDir([], {}, '/z')).toBe('/z');
    expect(resolveDataDir([], {})).toBe(join(homedir(), '.backprop-lab'));
  });

  it('accepts ports 0 to 65535 and nothing else', () => {
    expect(parsePort(undefined)).toBe(0);
    expect(parsePort('8080')).toBe(8080);
    expect(() => parsePort('70000')).toThrow(/--port/);
    expect(() => parsePort('http')).toThrow(/--port/);
  });
});

describe('static file resolution', () => {
  const root = resolve('/srv/renderer');

  it('maps the root and app routes to index.html and files to themselves', () => {
    expect(resolveFile(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveFile(root, '/runs/3')).toBe(join(root, 'index.html'));
    expect(resolveFile(root, '/assets/a.js')).toBe(join(root, 'assets', 'a.js'));
  });

  it('refuses paths that leave the folder or hide a NUL byte', () => {
    expect(resolveFile(root, '/..%2f..%2fetc%2fpasswd.txt')).toBeNull();
    expect(resolveFile(root, '/assets/%2e%2e/%2e%2e/x.js')).toBeNull();
    expect(resolveFile(root, '/a.js%00.png')).toBeNull();
    expect(resolveFile(root, '/%E0%A4%A')).toBeNull();
  });
});

describe('worker and renderer locations', () => {
  it('loads the TypeScript worker through the tsx bootstrap when running from source', () => {
    const entry = trainWorkerEntry('file:///repo/src/main/services/training/workerEntry.ts');
    expect(entry.file.href).toBe('file:///repo/src/main/worker/tsx-bootstrap.mjs');
    expect(entry.argv).toEqual(['file:///repo/src/main/worker/train.worker.ts']);
  });

  it('finds the bundled worker next to the chunk that asks for it', () => {
    const entry = trainWorkerEntry('file:///app/out/main/app-abc123.js');
    expect(entry.file.href).toBe('file:///app/out/main/train.worker.js');
    expect(entry.argv).toEqual([]);
  });

  it('serves out/renderer both from the bundle and from source', () => {
    expect(rendererDir('file:///app/out/main/serve.js')).toBe('/app/out/renderer');
    expect(rendererDir('file:///repo/src/main/transport/rendererDir.ts')).toBe('/repo/out/renderer');
  });
});
