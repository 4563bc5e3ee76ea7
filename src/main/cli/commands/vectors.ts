/** Checks on the example vectors given on the command line. */
import { UsageError } from '../errors';

export function checkLength(command: string, flag: string, values: readonly number[], expected: number, what: string): void {
  if (values.length !== expected) {
    throw new UsageError(`${command}: --${flag} has ${values.length} value${values.length === 1 ? '' : 's'} but the model has ${expected} ${what}: give ${expected}, separated by commas`);
  }
}
