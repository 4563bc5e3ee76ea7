/**
 * Browser mode entry (`npm run serve`, `node out/main/serve.js [--data-dir DIR] [--port N]
 * [--max-jobs N]`): the CLI's `serve` command as a program of its own, so both take the same
 * flags. Everything but the window, served to a browser on 127.0.0.1. Ctrl-C or SIGTERM stop
 * the workers and close the database cleanly.
 */
import { commandHelp } from './cli/commands/help';
import { serveCommand } from './cli/commands/serve';
import { CliFailure, UsageError } from './cli/errors';

try {
  const code = await serveCommand(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
  process.exit(code);
} catch (err) {
  if (err instanceof UsageError) {
    console.error(`${err.message}\n\n${commandHelp('serve')}`);
    process.exit(err.exitCode);
  }
  const message = err instanceof Error ? err.message : String(err);
  console.error(err instanceof CliFailure ? message : `Backprop Lab could not start: ${message}`);
  process.exit(1);
}
