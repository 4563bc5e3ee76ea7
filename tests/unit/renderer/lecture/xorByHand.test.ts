import { describe, expect, it } from 'vitest';
import { hiddenSpaceCaption, lectureXorWeights, linearlySeparable, solvesXor, xorNetwork, xorTable } from '../../../../src/renderer/src/lecture/xorByHand';

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

  it('says where the corners land and that the output line separates them with the lecture weights', () => {
    const caption = hiddenSpaceCaption(xorTable(xorNetwork(lectureXorWeights())), 'OR − AND − 0.5');
    expect(caption.aside).toBe('one line separates');
    expect(caption.text).toContain('(0,1) and (1,0) both land on (1, 0).');
    expect(caption.text).toContain("The output unit's line, OR − AND − 0.5 = 0, has the 1s");
  });

  it('says no line separates when broken weights put a 1 and a 0 on one hidden point', () => {
    const w = lectureXorWeights();
    w.hiddenBias[1] = -0.5; // AND becomes another OR: (0,1), (1,0) and (1,1) all land on (1, 1)
    const caption = hiddenSpaceCaption(xorTable(xorNetwork(w)), 'OR − AND − 0.5');
    expect(caption.aside).toBe('no line separates');
    expect(caption.text).toContain('(0,1) and (1,0) and (1,1) all land on (1, 1)');
    expect(caption.text).not.toContain('has the 1s on its orange side');
  });

  it('says a line would separate when only the output weights are wrong', () => {
    const w = lectureXorWeights();
    w.output = [1, 1]; // OR + AND − 0.5: fires on every corner but (0,0)
    const caption = hiddenSpaceCaption(xorTable(xorNetwork(w)), 'OR + AND − 0.5');
    expect(caption.aside).toBe('a line would separate');
    expect(caption.text).toContain('puts (1,1) on the wrong side');
  });

  it('tells separable point sets from the XOR pattern', () => {
    const corners = [[0, 0], [0, 1], [1, 0], [1, 1]];
    expect(linearlySeparable(corners.map(([x, y]) => ({ x, y, label: x | y })))).toBe(true);
    expect(linearlySeparable(corners.map(([x, y]) => ({ x, y, label: x ^ y })))).toBe(false);
  });
});
