import { describe, expect, it } from 'vitest';
import { buildCompareChart, chartToExport, metricsToCsv, seriesToCsv, seriesToJson } from '../../../src/shared/tracking';

describe('series export', () => {
  const series = [
    { run: 'a,1', series: 'train_loss', x: [0, 1], y: [0.5, 0.25] },
    { run: 'b', series: 'train_loss', x: [1, 2], y: [0.4, NaN] },
  ];

  it('writes long CSV with a run,series,x,y header and quoted cells', () => {
    expect(seriesToCsv(series)).toBe('run,series,x,y\n"a,1",train_loss,0,0.5\n"a,1",train_loss,1,0.25\nb,train_loss,1,0.4\nb,train_loss,2,\n');
  });

  it('writes wide CSV with one line per x and empty cells for missing points', () => {
    expect(seriesToCsv(series, 'wide')).toBe('x,"a,1/train_loss",b/train_loss\n0,0.5,\n1,0.25,0.4\n2,,\n');
  });

  it('writes JSON with null for non-finite values', () => {
    expect(JSON.parse(seriesToJson(series)).series[1]).toEqual({ run: 'b', series: 'train_loss', x: [1, 2], y: [0.4, null] });
  });

  it('writes raw metrics with step, epoch and time columns', () => {
    expect(metricsToCsv([{ run: 3, name: 'lr', step: [1], epoch: [0.5], time: [99], value: [0.1] }])).toBe('run,series,step,epoch,time,value\n3,lr,1,0.5,99,0.1\n');
  });

  it('exports exactly the smoothed and grouped curves the chart shows', () => {
    const compare = [
      { runId: 1, name: 'loss', step: [0, 1], epoch: [0, 1], time: [0, 1000], value: [1, 3], total: 2 },
      { runId: 2, name: 'loss', step: [0, 1], epoch: [0, 1], time: [0, 1000], value: [3, 5], total: 2 },
    ];
    const runs = [{ id: 1, name: 'r1', hyperparams: { lr: 0.1 } }, { id: 2, name: 'r2', hyperparams: { lr: 0.1 } }];
    const chart = buildCompareChart(compare, runs, { xAxis: 'step', smoothing: 0.5, logX: false, logY: false, ignoreOutliers: false, groupBy: 'lr', band: 'minmax' });
    // smoothed: r1 [1, 2.333..], r2 [3, 4.333..]; mean [2, 3.333..]
    expect(chart.curves).toHaveLength(1);
    expect(chart.curves[0].y[1]).toBeCloseTo(10 / 3, 12);
    const exported = chartToExport(chart);
    expect(exported.map((s) => s.series)).toEqual(['loss', 'loss lower', 'loss upper']);
    expect(exported[0].y).toBe(chart.curves[0].y);
  });
});
