import { describe, expect, it } from 'vitest';
import { chartDataCsv, chartDataRows } from '../../../../src/renderer/src/ui/chartData';

describe('the data a chart shows', () => {
  it('reads [x, y] pairs, plain values against categories, and {value} points', () => {
    const rows = chartDataRows({
      xAxis: { data: ['a', 'b'] },
      series: [
        { name: 'train loss', data: [[0, 0.9], [10, 0.5]] },
        { name: 'counts', data: [3, 4] },
        { data: [{ value: [1, 2] }] },
      ],
    });
    expect(rows).toEqual([
      { series: 'train loss', x: 0, y: 0.9 }, { series: 'train loss', x: 10, y: 0.5 },
      { series: 'counts', x: 'a', y: 3 }, { series: 'counts', x: 'b', y: 4 },
      { series: 'series 3', x: 1, y: 2 },
    ]);
  });

  it('writes CSV with quoted names and empty cells for gaps', () => {
    expect(chartDataCsv([{ series: 'a, "b"', x: 1, y: null }, { series: 'c', x: 2, y: 0.5 }])).toBe('series,x,y\n"a, ""b""",1,\nc,2,0.5\n');
  });
});
