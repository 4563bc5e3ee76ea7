/** Reads `--name value` or `--name=value` from a command line; the last occurrence wins. */
export function argValue(argv: readonly string[], name: string): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === `--${name}` && i + 1 < argv.length) found = argv[++i];
    else if (arg.startsWith(`--${name}=`)) found = arg.slice(name.length + 3);
  }
  return found;
}

/** The flags of `serve` and the CLI's commands besides --data-dir (tests/unit/main/appArgs.test.ts keeps the list whole). */
export const OTHER_ENTRY_FLAGS: readonly string[] = [
  'archived', 'checkpoint', 'data', 'db', 'experiment', 'filter', 'format', 'freeze-bias', 'input', 'json', 'loss', 'lr',
  'max-jobs', 'model', 'no-store', 'out', 'port', 'run', 'seed', 'spec', 'target',
];

/** The Electron app's own flags; everything else on its command line belongs to Chromium, Electron or Node. */
export const APP_USAGE = 'usage: backprop-lab-app [--data-dir DIR]\n\n  --data-dir DIR  keep the runs in DIR (default: $BACKPROP_LAB_HOME, else the app\'s user data folder)';

/**
 * What is wrong with the Electron app's command line, or undefined. Chromium takes hundreds of
 * switches of its own (--no-sandbox, --enable-logging, --inspect, Playwright's
 * --remote-debugging-port, ...) from the same argv, so unknown switches are left to it; refused
 * are a --data-dir without a value and the flags of the other entry points (serve, the CLI),
 * which would otherwise be silently ignored here.
 */
export function appArgsProblem(argv: readonly string[], otherEntryFlags: readonly string[] = OTHER_ENTRY_FLAGS): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (name === 'data-dir') {
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[i + 1];
      if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) return '--data-dir needs a folder: --data-dir DIR';
      if (eq < 0) i++;
    } else if (otherEntryFlags.includes(name)) {
      return `unknown flag '--${name}': the app takes only --data-dir (--${name} is a flag of 'backprop-lab serve' or another command)`;
    }
  }
  return undefined;
}
