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
import { sweepCommand } from './cli/commands/sweep';
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
  if (!COMMAND_NAMES.includes(command) && command !== 'help') {
    throw new UsageError(`unknown command '${command}'; commands are ${COMMAND_NAMES.join(', ')}, help (see: help)`);
  }
  if (rest.includes('--help') || rest.includes('-h')) return print(command === 'help' ? usageText() : commandHelp(command));
  try {
    return await dispatch(command, rest);
  } catch (error) {
    // a wrong command line prints the command's usage with the complaint
    if (error instanceof UsageError && command !== 'help') throw new UsageError(`${error.message}\n\n${commandHelp(command)}`);
    throw error;
  }
}

async function dispatch(command: string, rest: readonly string[]): Promise<number> {
  const io = { stdout: process.stdout, stderr: process.stderr, env: process.env };
  if (command === 'train') return trainCommand(rest, io);
  if (command === 'export') return exportCommand(rest, io);
  if (command === 'runs') return runsCommand(rest, io);
  if (command === 'serve') return serveCommand(rest, io);
  if (command === 'sweep') return sweepCommand(rest, io);
  return print(SYNC_COMMANDS[command](rest));
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
