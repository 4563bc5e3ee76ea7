import { describe, expect, it } from 'vitest';
import { lectureXorWeights, solvesXor, xorNetwork, xorTable } from '../../../../src/renderer/src/lecture/xorByHand';

describe('XOR by hand', () => {
  it('fills the lecture table with OR and AND as the hidden outputs and 0 1 1 0 as XOR', () => {
    const rows = xorTable(xorNetwork(lectureXorWeights()));
    expect(rows.map((r) => [r.x1, r.x2, r.or, r.and, r.xor])).toEqual([
      [0, 0, 0, 0, 0],
      [0, 1, 1, 0, 1],
      [1, 0, 1, 0, 1],
      [1, 1, 1, 1, 0],
    ]);
    expect(solvesXor(rows)).toBe(true);
  });

  it('reads the table from the network, so a changed weight changes the hidden columns', () => {
    const w = lectureXorWeights();
    // AND's bias made as low as OR's: the second hidden unit becomes another OR
    w.hiddenBias[1] = -0.5;
    const rows = xorTable(xorNetwork(w));
    expect(rows.map((r) => r.and)).toEqual([0, 1, 1, 1]);
    expect(rows.map((r) => r.xor)).toEqual([0, 0, 0, 0]);
    expect(solvesXor(rows)).toBe(false);
  });
});
