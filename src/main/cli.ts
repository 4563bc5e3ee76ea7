/**
 * The headless command line: `npm run cli -- <command>` or `backprop-lab <command>`.
 * Commands print machine-readable output on stdout and everything meant for people on
 * stderr; the exit code says whether the command line (2) or the work (1) failed.
 */
import { CliFailure, UsageError } from './cli/errors';
import { StoredDataError } from './services/store/errors';
import { gradcheckCommand } from './cli/commands/gradcheck';
import { exportCommand } from './cli/commands/export';
import { commandHelp, COMMAND_NAMES, helpCommand, usageText } from './cli/commands/help';
import { predictCommand } from './cli/commands/predict';
import { runsCommand } from './cli/commands/runs';
import { serveCommand } from './cli/commands/serve';
import { traceCommand } from './cli/commands/trace';
import { trainCommand } from './cli/commands/train';

const SYNC_COMMANDS: Record<string, (argv: readonly string[]) => string> = {
  trace: traceCommand,
  predict: predictCommand,
  gradcheck: gradcheckCommand,
  help: helpCommand,
};

export async function runCli(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError(`no command given\n\n${usageText()}`);
  if (command === '--help' || command === '-h') return print(usageText());
  if (rest.includes('--help') || rest.includes('-h')) {
    if (!COMMAND_NAMES.includes(command)) throw new UsageError(`unknown command '${command}'; commands are ${COMMAND_NAMES.join(', ')}, help`);
    return print(commandHelp(command));
  }
  if (command === 'train') return trainCommand(rest, { stdout: process.stdout, stderr: process.stderr, env: process.env });
  if (command === 'export') return exportCommand(rest, { stdout: process.stdout, stderr: process.stderr, env: process.env });
  if (command === 'runs') return runsCommand(rest, { stdout: process.stdout, stderr: process.stderr, env: process.env });
  if (command === 'serve') return serve(rest);
  const run = SYNC_COMMANDS[command];
  if (!run) throw new UsageError(`unknown command '${command}'; commands are ${COMMAND_NAMES.join(', ')}, help (see: help)`);
  return print(run(rest));
}

/** A wrong `serve` command line prints the usage with the complaint (it is the one command people start by hand and leave running). */
async function serve(argv: readonly string[]): Promise<number> {
  try {
    return await serveCommand(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env });
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${error.message}\n\n${commandHelp('serve')}`);
    throw error;
  }
}

function print(text: string): number {
  process.stdout.write(`${text}\n`);
  return 0;
}

runCli(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof CliFailure) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = error.exitCode;
    } else if (error instanceof StoredDataError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
