/** `help` and `help <command>`: usage text, generated from each command's flag table. */
import { flagHelp, type FlagSpec } from '../args';
import { UsageError } from '../errors';
import { EXPORT_FLAGS, EXPORT_SUMMARY } from './export';
import { GRADCHECK_FLAGS, GRADCHECK_SUMMARY } from './gradcheck';
import { PREDICT_FLAGS, PREDICT_SUMMARY } from './predict';
import { RUNS_FLAGS, RUNS_SUMMARY } from './runs';
import { SERVE_FLAGS, SERVE_SUMMARY } from './serve';
import { SWEEP_FLAGS, SWEEP_SUMMARY } from './sweep';
import { TRACE_FLAGS, TRACE_SUMMARY } from './trace';
import { TRAIN_FLAGS, TRAIN_SUMMARY } from './train';

const COMMANDS: Record<string, { summary: string; flags: FlagSpec; example: string }> = {
  train: { summary: TRAIN_SUMMARY, flags: TRAIN_FLAGS, example: 'train --spec resources/examples/xor.spec.json --out xor.model.json' },
  trace: { summary: TRACE_SUMMARY, flags: TRACE_FLAGS, example: 'trace --model m.json --input 0.05,0.10 --target 0.01,0.99 --lr 0.5' },
  predict: { summary: PREDICT_SUMMARY, flags: PREDICT_FLAGS, example: 'predict --model xor.model.json --data points.csv' },
  gradcheck: { summary: GRADCHECK_SUMMARY, flags: GRADCHECK_FLAGS, example: 'gradcheck --model m.json --input 0.05,0.10 --target 0.01,0.99' },
  export: { summary: EXPORT_SUMMARY, flags: EXPORT_FLAGS, example: 'export --run 3 --format onnx --out xor.onnx' },
  runs: { summary: RUNS_SUMMARY, flags: RUNS_FLAGS, example: "runs list --filter 'lr < 0.1 and activation = relu'; runs export 3 7 --out two.bplab; runs import *.bplab --data-dir ~/lab" },
  sweep: { summary: SWEEP_SUMMARY, flags: SWEEP_FLAGS, example: 'sweep plan --spec lr-sweep.json --out trials/' },
  serve: { summary: SERVE_SUMMARY, flags: SERVE_FLAGS, example: 'serve --port 8080 --data-dir ~/lab' },
};

export const COMMAND_NAMES = Object.keys(COMMANDS);

export function usageText(): string {
  const width = Math.max(...COMMAND_NAMES.map((n) => n.length));
  return [
    'usage: backprop-lab <command> [flags]     (in the repo: npm run cli -- <command> [flags])',
    '',
    'commands:',
    ...COMMAND_NAMES.map((name) => `  ${name.padEnd(width)}  ${COMMANDS[name].summary}`),
    `  ${'help'.padEnd(width)}  show this text, or a command's flags: help <command>`,
    '',
    'stdout carries only machine-readable output; messages go to stderr.',
    'exit codes: 0 success, 1 the command failed (file missing or invalid, training diverged), 2 wrong command line.',
  ].join('\n');
}

export function helpCommand(argv: readonly string[]): string {
  if (argv.length === 0) return usageText();
  const name = argv[0];
  if (argv.length > 1) throw new UsageError(`help: takes one command name; got ${argv.map((a) => `'${a}'`).join(' ')}`);
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`help: unknown command '${name}'; commands are ${COMMAND_NAMES.join(', ')}`);
  return commandHelp(name);
}

export function commandHelp(name: string): string {
  const command = COMMANDS[name];
  return [`usage: backprop-lab ${name} [flags]`, '', command.summary, '', 'flags:', flagHelp(command.flags), '', `example: backprop-lab ${command.example}`].join('\n');
}
