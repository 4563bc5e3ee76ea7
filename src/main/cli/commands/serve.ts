/**
 * `serve`: browser mode (the app's services and pages on 127.0.0.1) until Ctrl-C or SIGTERM,
 * which stop the training workers (their runs become interrupted) and close the database. The
 * same command is `npm run serve` (src/main/serve.ts). stdout gets the one line with the
 * address to open; the folder's lock keeps any other writer out while it runs.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openBrowserMode, watchStopSignals, type BrowserMode, type BrowserModeOptions, type StopSignals } from '../../browserMode';
import { resolveDataDir } from '../../services/dataDir';
import { DataDirLocked } from '../../services/dataDirLock';
import { rendererDir } from '../../transport/rendererDir';
import { parseFlags, type FlagSpec } from '../args';
import { CliFailure, UsageError } from '../errors';
import { lockedMessage, type CliIo } from '../storeAccess';

export const SERVE_FLAGS = {
  port: { kind: 'integer', value: 'N', help: 'listen on 127.0.0.1:N, 0 to 65535 (default: $PORT, else a free port)' },
  'data-dir': { kind: 'string', value: 'DIR', help: 'the runs are in DIR (default: $BACKPROP_LAB_HOME or ~/.backprop-lab)' },
  'max-jobs': { kind: 'integer', value: 'N', help: 'train at most N runs at once (default: one less than the cores)' },
} satisfies FlagSpec;

export const SERVE_SUMMARY = 'browser mode: serve the app on 127.0.0.1 (prints the address) until Ctrl-C';

/** The checked flags as browser mode's options; a bad value is a usage error. */
export function serveOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BrowserModeOptions {
  const flags = parseFlags('serve', argv, SERVE_FLAGS);
  let port = flags.port;
  if (port === undefined && env.PORT !== undefined && env.PORT !== '') {
    port = Number(env.PORT);
    if (!Number.isInteger(port) || port < 0) throw new UsageError(`serve: $PORT must be a port number, 0 to 65535; got '${env.PORT}'`);
  }
  if (port !== undefined && port > 65535) throw new UsageError(`serve: --port takes 0 to 65535 (0: a free port); got ${port}`);
  if (flags['max-jobs'] === 0) throw new UsageError('serve: --max-jobs takes a whole number >= 1');
  return { dataDir: resolveDataDir(flags['data-dir'] === undefined ? [] : ['--data-dir', flags['data-dir']], env), port: port ?? 0, maxJobs: flags['max-jobs'] };
}

/**
 * Starts browser mode and serves until a stop signal (by default the next Ctrl-C or SIGTERM),
 * then closes it; 0 once closed.
 */
export async function serveCommand(
  argv: readonly string[], io: CliIo, watch: () => StopSignals = watchStopSignals,
): Promise<number> {
  const options = serveOptions(argv, io.env);
  const signals = watch();
  let mode: BrowserMode;
  try {
    mode = await openBrowserMode(options, io.env);
  } catch (error) {
    signals.dispose();
    if (error instanceof DataDirLocked) throw new CliFailure(lockedMessage('serve', error, 'serve another folder: --data-dir OTHER_DIR'));
    throw new CliFailure(`serve: Backprop Lab could not start: ${(error as Error).message}`);
  }
  if (!existsSync(join(rendererDir(), 'index.html'))) {
    io.stderr.write(`serve: the pages are not built (no ${rendererDir()}): the API works, but run 'npm run build' for the app's pages\n`);
  }
  const signal = await signals.stopped;
  io.stderr.write(`${signal}: stopping Backprop Lab\n`);
  await mode.close();
  return 0;
}
