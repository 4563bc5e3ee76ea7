// The MNIST check: on a 784-64-10 net trained to >= 94% test accuracy, the optimized
// input for every class is classified as that class with probability > 0.9, and the dataset
// examples come out ordered by activation. Trains for real (a few epochs of Adam over an
// 8,000/2,000 split of the `mnist` package's digits): about half a minute on two cores.
import { describe, expect, it } from 'vitest';
import { featureVisReport, objectiveValues } from '../../src/shared/analysis/featurevis/featureVisReport';
import { defaultFeatureVisSettings } from '../../src/shared/analysis/featurevis/featureVisDefaults';
import { buildDataset } from '../../src/shared/data/build';
import { Network } from '../../src/shared/nn/network';
import { Trainer } from '../../src/shared/training/trainer';
import { TrainSpecSchema } from '../../src/shared/training/trainSpec';
import { nodeDataSources } from '../../src/main/data/mnist';

describe('feature visualization of a trained MNIST network', () => {
  it('finds, for every digit, an input the network calls that digit with probability above 0.9, and orders the top examples', () => {
    const began = Date.now();
    const spec = TrainSpecSchema.parse({
      dataset: { kind: 'builtin', name: 'mnist', testFraction: 0.2, seed: 3 },
      layers: [{ units: 64, activation: 'relu' }, { units: 10, activation: 'softmax' }],
      loss: 'softmax-ce',
      optimizer: { kind: 'adam' },
      learningRate: 0.002,
      batchSize: 64,
      epochs: 8,
      seed: 1,
    });
    const data = buildDataset(spec.dataset, nodeDataSources);
    expect(data.train.n).toBe(8000);
    expect(data.test.n).toBe(2000);
    const trainer = new Trainer(spec, data);
    while (!trainer.done) trainer.trainEpoch();
    const accuracy = trainer.evaluate('test').accuracy!;
    const trainedMs = Date.now() - began;
    expect(accuracy).toBeGreaterThanOrEqual(0.94);

    const netSpec = trainer.net.spec;
    const params = trainer.net.params.slice();
    // the settings the view starts with for pictures (L2, total variation, jitter, kept in each pixel's range), two starts
    const settings = { ...defaultFeatureVisSettings({ kind: 'image', width: 28, height: 28 }), starts: 2 };
    const probabilities: number[] = [];
    for (let digit = 0; digit < 10; digit++) {
      const report = featureVisReport(data, {
        dataset: spec.dataset,
        spec: netSpec,
        checkpoint: { id: 1, step: trainer.step, epoch: trainer.epoch, params },
        objective: { kind: 'class', class: digit, output: 'logit' },
        settings,
        examples: { split: 'test', k: 9 },
        evolution: [],
      });
      const best = report.starts[report.best];
      const p = best.outputs[0];
      probabilities.push(p[digit]);
      expect(p[digit]).toBeGreaterThan(0.9);
      expect(p.indexOf(Math.max(...p))).toBe(digit);
      for (const x of best.inputs[0]) expect(x >= report.range.min && x <= report.range.max).toBe(true);

      // top examples: descending, and truly the largest logits of the split
      const top = report.examples.top.map((e) => e.activation);
      expect(top).toEqual([...top].sort((a, b) => b - a));
      const logits = objectiveValues(new Network(netSpec, params), data.test, { kind: 'class', class: digit, output: 'logit' });
      const ninth = [...logits].sort((a, b) => b - a)[8];
      for (const e of report.examples.top) expect(e.activation).toBeGreaterThanOrEqual(Number(ninth.toPrecision(6)));
      expect(report.examples.top.filter((e) => e.label === digit).length).toBeGreaterThanOrEqual(8);
      // slight examples excite the unit less than every top example
      for (const e of report.examples.slight) expect(e.activation).toBeLessThan(top[top.length - 1]);
    }
    console.info(`MNIST feature-vis check: test accuracy ${(accuracy * 100).toFixed(2)}%, per-class probability ${probabilities.map((p) => p.toPrecision(6)).join(' ')}, trained in ${trainedMs} ms, total ${Date.now() - began} ms`);
  }, 180_000);
});
