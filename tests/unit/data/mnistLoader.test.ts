import { describe, expect, it } from 'vitest';
import { loadMnist } from '../../../src/main/data/mnist';

describe('the mnist loader', () => {
  it("loads the package's 10,000 digits digit-major as float32 pixels in [0, 1]", () => {
    const digits = loadMnist();
    expect(digits.count).toBe(10_000);
    expect(digits.images).toBeInstanceOf(Float32Array);
    expect(digits.images.length).toBe(10_000 * 784);
    for (let k = 1; k < digits.count; k++) expect(digits.labels[k]).toBeGreaterThanOrEqual(digits.labels[k - 1]);
    expect(digits.labels[0]).toBe(0);
    expect(digits.labels[9_999]).toBe(9);
    let min = Infinity;
    let max = -Infinity;
    for (const v of digits.images) { if (v < min) min = v; if (v > max) max = v; }
    expect([min, max]).toEqual([0, 1]);
  });

  it('returns the cached digits on the second call', () => {
    expect(loadMnist()).toBe(loadMnist());
  });
});
