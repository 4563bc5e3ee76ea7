import { describe, expect, it } from 'vitest';
import { filterRows, FilterError, matchesFilter, parseFilter, searchRows } from '../../../src/shared/tracking';
import { row } from './rows';

const ids = (filter: string, rows = RUNS): number[] => filterRows(rows, filter).map((r) => r.id);

const RUNS = [
  row({ id: 1, lr: 0.01, activation: 'relu', testAcc: 0.95, tags: ['baseline'] }),
  row({ id: 2, lr: 0.5, activation: 'tanh', testAcc: 0.7, status: 'failed', tags: [] }),
  row({ id: 3, lr: 0.05, activation: 'tanh,relu', testAcc: 0.92, name: 'deep "net"', tags: ['deep', 'old'] }),
  row({ id: 4, lr: 0.2, activation: 'leaky-relu', optimizer: 'adam', dataset: 'spiral' }),
];

describe('the filter language', () => {
  it('keeps runs matching a comparison joined by and', () => {
    expect(ids('lr < 0.1 and activation = relu')).toEqual([1, 3]);
  });

  it('gives and precedence over or, and honours not and parentheses', () => {
    expect(ids('status = failed or lr < 0.02 and activation = relu')).toEqual([1, 2]);
    expect(ids('(status = failed or lr < 0.02) and activation = relu')).toEqual([1]);
    expect(ids('not (status = failed or dataset = spiral)')).toEqual([1, 3]);
  });

  it('matches activation against any hidden layer and tag against any tag', () => {
    expect(ids('activation = tanh')).toEqual([2, 3]);
    expect(ids('tag = old')).toEqual([3]);
    expect(ids('tag != old')).toEqual([1, 2, 4]);
  });

  it('compares metric values by name, with .min/.max/.best suffixes', () => {
    expect(ids('test_acc > 0.9')).toEqual([1, 3]);
    expect(ids('test_acc.min = 0.5 and test_acc >= 0.92')).toEqual([1, 3]);
  });

  it('reads bare words with hyphens, quoted strings and contains', () => {
    expect(ids('activation = leaky-relu')).toEqual([4]);
    expect(ids('name ~ \'"net"\'')).toEqual([3]);
    expect(ids('name = "DEEP \\"net\\""')).toEqual([3]);
    expect(ids('optimizer ~ ADA')).toEqual([4]);
  });

  it('falls back to hyperparameter paths of the spec', () => {
    expect(ids('layers.0.units = 4 and optimizer.kind = sgd')).toEqual([1, 2, 3, 4]);
  });

  it('lets a blank filter keep every run', () => {
    expect(parseFilter('   ')).toBeNull();
    expect(matchesFilter(RUNS[0], null)).toBe(true);
  });

  it.each([
    ['lr < ', "expected a value after '<' at column 6"],
    ['lr 0.1', "expected an operator (=, !=, <, <=, >, >=, ~) after 'lr', found '0.1' at column 4"],
    ['(lr < 1', "expected ')' to close the '(' at column 1, found the end at column 8"],
    ['lr < 1 activation = relu', "expected 'and', 'or' or the end, found 'activation' at column 8"],
    ['and lr < 1', 'expected a field name (like lr, activation or test_acc), found \'and\' at column 1'],
    ['name = "open', 'unterminated string starting with " at column 8'],
    ['lr < 1 & x', "unexpected '&' at column 8"],
    ['lrr < 0.1', "unknown field 'lrr' at column 1"],
  ])('explains %j with the column of the mistake', (filter, message) => {
    expect(() => filterRows(RUNS, filter)).toThrow(FilterError);
    expect(() => filterRows(RUNS, filter)).toThrow(message);
  });

  it('searches names, tags and notes for every word', () => {
    expect(searchRows(RUNS, 'deep old').map((r) => r.id)).toEqual([3]);
    expect(searchRows(RUNS, '').length).toBe(4);
  });
});
