/** What the bench scripts share on their command line: whole-number flags and one JSON line per figure. */

/** `--name N` as a whole number of at least 1, or `fallback` when absent; anything else is a usage error (exit 2). */
export function wholeNumberOption(argv: string[], name: string, fallback: number): number {
  const at = argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const n = Number(argv[at + 1]);
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`--${name} takes a whole number >= 1\n`);
    process.exit(2);
  }
  return n;
}

/** One figure as a JSON line on stdout (progress goes to stderr). */
export const printFigure = (figure: Record<string, unknown>): void => { process.stdout.write(`${JSON.stringify(figure)}\n`); };
