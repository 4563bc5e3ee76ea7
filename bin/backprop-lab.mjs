#!/usr/bin/env node
// The `backprop-lab` command. It runs the CLI in this process, so stdout carries only the
// command's own output, without npm in between (the repository's .npmrc keeps npm's
// "> backprop-lab cli" banner off stdout for `npm run cli -- ...`). In a checkout the
// TypeScript source runs through tsx, so the command is never older than the code; an
// installed app without sources runs the built out/main/cli.js.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = new URL('../src/main/cli.ts', import.meta.url);
if (existsSync(fileURLToPath(source))) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import(new URL('../out/main/cli.js', import.meta.url).href);
}
