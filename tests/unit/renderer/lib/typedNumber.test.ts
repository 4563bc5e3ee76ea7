import { describe, expect, it } from 'vitest';
import { typedNumber } from '../../../../src/renderer/src/lib/typedNumber';

describe('a number field read as it is typed', () => {
  it('takes whole numbers at once', () => {
    expect(typedNumber('-0.5', false)).toEqual({ kind: 'number', value: -0.5 });
    expect(typedNumber('2', false)).toEqual({ kind: 'number', value: 2 });
  });

  it('waits on text on its way to a number, so the field is not redrawn under the cursor', () => {
    for (const t of ['-', '-0', '1.', '0.50', '1e', '1e3', '']) expect(typedNumber(t, false)).toEqual({ kind: 'partial' });
  });

  it('takes what is left in the field when it is left, and calls the rest not a number', () => {
    expect(typedNumber('1e3', true)).toEqual({ kind: 'number', value: 1000 });
    expect(typedNumber('-0', true)).toEqual({ kind: 'number', value: -0 });
    expect(typedNumber('-', true)).toEqual({ kind: 'invalid' });
    expect(typedNumber('abc', false)).toEqual({ kind: 'invalid' });
  });
});
