import { describe, expect, it } from 'vitest';
import { compileSizeExpression } from '../../../scripts/echartsGlWithoutEval';
import { evenlySpaced } from '../../../src/main/services/analysis/landscapes';
import { packArrays, unpackArrays } from '../../../src/main/services/analysis/packedArrays';

describe('packed arrays', () => {
  it('round-trips several arrays through one buffer, even from an unaligned copy', () => {
    const arrays = { alphas: Float64Array.from([-1, 0, 1]), loss: Float64Array.from([0.5, NaN, Infinity, 2]) };
    const { bytes, layout } = packArrays(arrays);
    expect(layout).toEqual({ alphas: [0, 3], loss: [3, 4] });
    const unaligned = new Uint8Array(bytes.byteLength + 3).subarray(3);
    unaligned.set(bytes);
    const back = unpackArrays(unaligned, layout);
    expect(Array.from(back.alphas)).toEqual([-1, 0, 1]);
    expect(Array.from(back.loss)).toEqual([0.5, NaN, Infinity, 2]);
  });

  it('refuses a layout that runs past the data', () => {
    expect(() => unpackArrays(new Uint8Array(16), { loss: [1, 2] })).toThrow(/loss runs past the end/);
  });
});

describe('thinning a long path', () => {
  it('keeps every checkpoint of a short path and spreads the kept ones over a long one, first and last included', () => {
    expect(evenlySpaced(4, 10)).toEqual([0, 1, 2, 3]);
    expect(evenlySpaced(101, 5)).toEqual([0, 25, 50, 75, 100]);
  });
});

describe('the 3-D renderer without eval', () => {
  it('reads the size expressions echarts-gl uses', () => {
    expect(compileSizeExpression('width * dpr / 4')(800, 400, 2)).toBe(400);
    expect(compileSizeExpression(' [width * 1.0 / 2, height / 2] ')(800, 400, 1)).toEqual([400, 200]);
    expect(compileSizeExpression('height')(800, 400, 1)).toBe(400);
  });

  it('refuses anything else', () => {
    expect(() => compileSizeExpression('alert(1)')).toThrow(/unsupported size expression/);
    expect(() => compileSizeExpression('width + 1')).toThrow(/unsupported/);
  });
});
