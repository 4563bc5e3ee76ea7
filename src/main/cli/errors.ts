/**
 * The CLI's two kinds of failure, by exit code: 2 when the command line itself is wrong
 * (unknown command or flag, a missing or malformed flag value), 1 when the command could
 * not do its work (a missing or invalid file, a failed or diverged training).
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly exitCode = 2;
}

export class CliFailure extends Error {
  override readonly name = 'CliFailure';
  readonly exitCode = 1;
}
