/** The logic gates: the four corners of the unit square in the order (0,0), (0,1), (1,0), (1,1), as TASKS.md T3. */
import { RowCollector, type RawTable } from './table';

export type GateName = 'and' | 'or' | 'nand' | 'xor-gate';
const TRUTH: Record<GateName, (a: number, b: number) => boolean> = {
  and: (a, b) => a === 1 && b === 1,
  or: (a, b) => a === 1 || b === 1,
  nand: (a, b) => !(a === 1 && b === 1),
  'xor-gate': (a, b) => a !== b,
};

export function gate(name: GateName): RawTable {
  const rows = new RowCollector(2, 1);
  for (const [a, b] of [[0, 0], [0, 1], [1, 0], [1, 1]]) rows.add([a, b], [TRUTH[name](a, b) ? 1 : 0]);
  return rows.table();
}
