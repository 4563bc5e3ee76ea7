/**
 * Flags of one command, declared with their kind so a typo or a missing value is caught
 * before any work starts. A value flag always takes the next argument, so negative numbers
 * work (`--input -0.5,1`); `--name=value` works too.
 */
import { UsageError } from './errors';

export type FlagKind = 'string' | 'number' | 'integer' | 'numbers' | 'boolean';
export type FlagSpec = Record<string, { kind: FlagKind; required?: boolean; help: string; value?: string }>;

type ValueOf<K extends FlagKind> = K extends 'string' ? string : K extends 'number' | 'integer' ? number : K extends 'numbers' ? number[] : boolean;
export type Flags<S extends FlagSpec> = { [N in keyof S]: S[N]['required'] extends true ? ValueOf<S[N]['kind']> : ValueOf<S[N]['kind']> | undefined };

export function parseFlags<S extends FlagSpec>(command: string, argv: readonly string[], spec: S): Flags<S> {
  const values: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new UsageError(`${command}: unexpected argument '${arg}'; flags start with -- (see: help ${command})`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const flag = spec[name];
    if (!flag) {
      const known = Object.keys(spec).map((n) => `--${n}`).join(', ');
      throw new UsageError(`${command}: unknown flag '--${name}'; ${command} takes ${known}`);
    }
    if (flag.kind === 'boolean') {
      if (eq >= 0) throw new UsageError(`${command}: --${name} is a switch and takes no value`);
      values[name] = true;
      continue;
    }
    const raw = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (raw === undefined) throw new UsageError(`${command}: --${name} needs a value (${flag.value ?? flag.kind})`);
    values[name] = convert(command, name, flag.kind, raw);
  }
  for (const [name, flag] of Object.entries(spec)) {
    if (flag.required && values[name] === undefined) {
      throw new UsageError(`${command}: --${name} is required: ${flag.help}${flag.value ? `, e.g. --${name} ${flag.value}` : ''}`);
    }
  }
  return values as Flags<S>;
}

function convert(command: string, name: string, kind: FlagKind, raw: string): unknown {
  switch (kind) {
    case 'string':
      if (raw === '') throw new UsageError(`${command}: --${name} needs a non-empty value`);
      return raw;
    case 'number': case 'integer': {
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${command}: --${name} takes a number; '${raw}' is not one`);
      if (kind === 'integer' && !(Number.isInteger(n) && n >= 0)) throw new UsageError(`${command}: --${name} takes a whole number >= 0; got '${raw}'`);
      return n;
    }
    case 'numbers': {
      const cells = raw.split(',').map((s) => s.trim());
      const bad = cells.find((s) => s === '' || !Number.isFinite(Number(s)));
      if (bad !== undefined) throw new UsageError(`${command}: --${name} takes numbers separated by commas, like 0.05,0.10; '${bad}' is not a number`);
      return cells.map(Number);
    }
    case 'boolean':
      return true;
  }
}

/** The "  --name VALUE   help" lines of a command's help text. */
export function flagHelp(spec: FlagSpec): string {
  const rows = Object.entries(spec).map(([name, flag]) => [`--${name}${flag.kind === 'boolean' ? '' : ` ${flag.value ?? flag.kind.toUpperCase()}`}`, `${flag.help}${flag.required ? ' (required)' : ''}`]);
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`).join('\n');
}
