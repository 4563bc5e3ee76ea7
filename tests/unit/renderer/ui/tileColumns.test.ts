import { describe, expect, it } from 'vitest';
import { tileColumns } from '../../../../src/renderer/src/ui/tileColumns';

const rowsOf = (count: number, columns: number) => Array.from({ length: Math.ceil(count / columns) }, (_, r) => Math.min(columns, count - r * columns));

describe('stat tiles in even rows', () => {
  it('puts every tile in one row when they all fit', () => {
    expect(tileColumns(5, 600, 110, 8)).toBe(5);
    expect(tileColumns(4, 1000, 110, 8)).toBe(4);
  });

  it('splits six tiles where five fit into two rows of three, not five and one', () => {
    expect(rowsOf(6, tileColumns(6, 560, 110, 8))).toEqual([3, 3]);
  });

  it('at any width, uses the fewest rows that fit and the fewest columns for those rows, so the last row is as full as it can be', () => {
    for (let count = 1; count <= 8; count++) {
      for (let width = 100; width <= 1200; width += 7) {
        const columns = tileColumns(count, width, 110, 8);
        const fit = Math.max(1, Math.floor((width + 8) / 118));
        const rows = Math.ceil(count / columns);
        expect(columns, `${count} tiles in ${width}px`).toBeLessThanOrEqual(fit);
        expect(rows).toBe(Math.ceil(count / fit));
        // one column fewer would need another row
        if (columns > 1) expect(Math.ceil(count / (columns - 1))).toBeGreaterThan(rows);
      }
    }
  });

  it('gives one column when not even one tile fits', () => {
    expect(tileColumns(4, 50, 110, 8)).toBe(1);
  });
});
