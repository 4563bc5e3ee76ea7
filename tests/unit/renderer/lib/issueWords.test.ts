import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issueSentence } from '../../../../src/renderer/src/lib/issueWords';
import { LearningRateSchema } from '../../../../src/shared/nn/spec';

/** The first issue the schema reports for `value`, worded with `label`. */
const wordsFor = (schema: z.ZodType, value: unknown, label: string): string => {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected an issue');
  return issueSentence(result.error.issues[0], label, value);
};

describe('zod issues in words', () => {
  it('says a bound as a comparison, strict or not, naming the field', () => {
    expect(wordsFor(LearningRateSchema, -1, 'Learning rate')).toBe('Learning rate must be greater than 0');
    expect(wordsFor(z.number().int().min(1), 0, 'Output units')).toBe('Output units must be at least 1');
    expect(wordsFor(z.number().max(100_000), 1e9, 'Batch size')).toBe('Batch size must be at most 100,000');
    expect(wordsFor(z.number().lt(1), 1, 'Decay factor')).toBe('Decay factor must be less than 1');
  });

  it('tells a missing value from a wrong one', () => {
    expect(wordsFor(z.number(), undefined, 'Epochs')).toBe('Epochs is missing: enter a value');
    expect(wordsFor(z.number().int(), 2.5, 'Seed')).toBe('Seed must be a whole number');
  });

  it('lists the choices of an enum or a discriminated union', () => {
    expect(wordsFor(z.enum(['sgd', 'adam']), 'rmsprop', 'Optimizer')).toBe('Optimizer must be one of sgd, adam');
    const union = z.discriminatedUnion('kind', [z.object({ kind: z.literal('constant') }), z.object({ kind: z.literal('cosine') })]);
    expect(wordsFor(union, { kind: 'linear' }, 'Learning-rate schedule')).toBe('Learning-rate schedule must be one of constant, cosine');
  });

  it('counts entries of a list', () => {
    expect(wordsFor(z.array(z.number()).min(1), [], 'The network')).toBe('The network needs at least 1 entry');
    expect(wordsFor(z.array(z.number()).max(2), [1, 2, 3], 'Layers')).toBe('Layers allows at most 2 entries');
  });

  it('keeps the words of our own refinements and never shows zod’s wording or JSON', () => {
    const refined = z.number().superRefine((_, ctx) => ctx.addIssue({ code: 'custom', message: 'bce needs a sigmoid output layer' }));
    expect(wordsFor(refined, 1, 'Loss')).toBe('bce needs a sigmoid output layer');
    for (const sentence of [wordsFor(LearningRateSchema, -1, 'Learning rate'), wordsFor(z.number(), 'x', 'Epochs')]) {
      expect(sentence).not.toMatch(/[{}[\]"]|expected|Too small/);
    }
  });
});
