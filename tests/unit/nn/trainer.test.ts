import { describe, expect, it } from 'vitest';
import { Trainer } from '../../../src/shared/training/trainer';
import { dataset, spiralData, trainSpec, xorData } from './helpers';

function runToEnd(trainer: Trainer): void {
  while (!trainer.done) trainer.trainEpoch();
}

describe('Trainer', () => {
  it('refuses a spec whose output layer does not match the dataset, naming the field', () => {
    const spec = trainSpec({ layers: [{ units: 2, activation: 'sigmoid' }, { units: 3, activation: 'sigmoid' }] });
    expect(() => new Trainer(spec, xorData())).toThrow(/layers\[1\]\.units: .*3 units.*1 outputs/);
  });

  it('reproduces bench T3 (XOR 2-2-1, full batch, lr 0.5, 20,000 steps): 0.252072 then 0.000300261', () => {
    const trainer = new Trainer(trainSpec({ seed: 6, epochs: 20_000, shuffle: false }), xorData());
    expect(trainer.evaluate('train').loss.toFixed(6)).toBe('0.252072');
    runToEnd(trainer);
    expect(trainer.step).toBe(20_000);
    expect(trainer.evaluate('train').loss.toPrecision(6)).toBe('0.000300261');
  });

  it('reproduces bench T1 (two spirals 2-8-8-1, bce, batch 10, 200 epochs): 0.849369085 then 0.530905, accuracy 0.696', () => {
    const trainer = new Trainer(trainSpec({
      layers: [{ units: 8, activation: 'tanh' }, { units: 8, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
      loss: 'bce', learningRate: 0.03, batchSize: 10, epochs: 200, seed: 2, shuffle: false,
    }), spiralData());
    expect(trainer.evaluate('train').loss.toFixed(9)).toBe('0.849369085');
    expect(trainer.batchesPerEpoch).toBe(50);
    runToEnd(trainer);
    const result = trainer.evaluate('train');
    expect(result.loss.toFixed(6)).toBe('0.530905');
    expect(result.accuracy).toBe(0.696);
  });

  it('learns XOR from fixed seeds', () => {
    for (const seed of [1, 2, 3]) {
      const trainer = new Trainer(trainSpec({
        layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
        loss: 'bce', optimizer: { kind: 'adam' }, learningRate: 0.05, epochs: 500, seed,
      }), xorData());
      runToEnd(trainer);
      const result = trainer.evaluate('train');
      expect(result.accuracy).toBe(1);
      expect(result.loss).toBeLessThan(0.01);
    }
  });

  it('learns two spirals from fixed seeds with shuffled mini-batches', () => {
    for (const seed of [1, 2]) {
      const trainer = new Trainer(trainSpec({
        layers: [{ units: 12, activation: 'tanh' }, { units: 12, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
        loss: 'bce', optimizer: { kind: 'adam' }, learningRate: 0.02, batchSize: 10, epochs: 150, seed,
      }), spiralData());
      runToEnd(trainer);
      expect(trainer.evaluate('train').accuracy).toBeGreaterThanOrEqual(0.97);
    }
  });

  it('gives bit-identical runs for the same seed and different ones for another', () => {
    const spec = (seed: number) => trainSpec({
      layers: [{ units: 6, activation: 'relu' }, { units: 1, activation: 'sigmoid' }],
      loss: 'bce', optimizer: { kind: 'momentum', momentum: 0.9 }, learningRate: 0.05, batchSize: 7, epochs: 5,
      init: { kind: 'he-normal', range: 0.5 }, regularization: { kind: 'l2', lambda: 0.001 }, seed,
    });
    const run = (seed: number): Float64Array => {
      const trainer = new Trainer(spec(seed), spiralData());
      runToEnd(trainer);
      return trainer.net.params;
    };
    expect(Array.from(run(9))).toEqual(Array.from(run(9)));
    expect(Array.from(run(9))).not.toEqual(Array.from(run(10)));
  });

  it('counts steps and epochs, keeping a final partial batch', () => {
    const trainer = new Trainer(trainSpec({ batchSize: 3, epochs: 2 }), xorData());
    expect(trainer.batchesPerEpoch).toBe(2);
    const first = trainer.trainBatch();
    expect(first).toMatchObject({ step: 1, epoch: 0, epochDone: false, diverged: false });
    const second = trainer.trainBatch();
    expect(second).toMatchObject({ step: 2, epoch: 1, epochDone: true });
    const last = trainer.trainEpoch();
    expect(last).toMatchObject({ step: 4, epoch: 2, epochDone: true });
    expect(trainer.done).toBe(true);
    expect(trainer.trainBatch().step).toBe(4);
  });

  it('reports divergence with its step and never trains on after it', () => {
    const data = dataset('line', 'regression', [[1], [2], [3], [4]], [[1e3], [2e3], [3e3], [4e3]]);
    const trainer = new Trainer(trainSpec({
      layers: [{ units: 1, activation: 'linear' }], loss: 'mse', learningRate: 100, epochs: 1000,
    }), data);
    runToEnd(trainer);
    expect(trainer.diverged).toBe(true);
    expect(trainer.done).toBe(true);
    expect(trainer.divergedAt).toBe(trainer.step);
    expect(trainer.step).toBeLessThan(1000);
    const report = trainer.trainBatch();
    expect(report).toMatchObject({ step: trainer.divergedAt, diverged: true });
  });

  it('evaluates regression without accuracy and an empty test split as NaN', () => {
    const data = dataset('line', 'regression', [[0], [1]], [[0], [2]]);
    const trainer = new Trainer(trainSpec({ layers: [{ units: 1, activation: 'linear' }], loss: 'mse' }), data);
    expect(trainer.evaluate('train').accuracy).toBeNull();
    const test = trainer.evaluate('test');
    expect(test.loss).toBeNaN();
    expect(test.accuracy).toBeNull();
  });

  it('reports per-layer norms and the fraction of dead ReLU units', () => {
    const trainer = new Trainer(trainSpec({
      layers: [{ units: 3, activation: 'relu' }, { units: 1, activation: 'sigmoid' }], loss: 'bce',
    }), xorData());
    // weights 0.1, hidden biases -10: no input can switch a hidden unit on
    const params = new Float64Array(trainer.net.params.length).fill(0.1);
    params.set([-10, -10, -10], trainer.net.layers[0].biasOffset);
    trainer.setParams(params);
    trainer.trainBatch();
    const [hidden, output] = trainer.diagnostics();
    expect(hidden.deadFraction).toBe(1);
    expect(hidden.gradNorm).toBe(0);
    expect(hidden.weightNorm).toBeCloseTo(Math.sqrt(6 * 0.01), 12);
    expect(output.deadFraction).toBeNull();
    expect(output.gradNorm).toBeGreaterThan(0);
  });

  it('follows the schedule and accepts live changes of rate and regularization', () => {
    const trainer = new Trainer(trainSpec({ schedule: { kind: 'step', every: 1, factor: 0.5 }, learningRate: 0.4, epochs: 3 }), xorData());
    expect(trainer.learningRate).toBe(0.4);
    trainer.trainEpoch();
    expect(trainer.learningRate).toBe(0.2);
    trainer.setLearningRate(1);
    expect(trainer.learningRate).toBe(0.5);
    trainer.setRegularization({ kind: 'l2', lambda: 0.5 });
    const before = trainer.net.params.slice();
    const { batchLoss } = trainer.trainBatch();
    let penalty = 0;
    for (const layer of trainer.net.layers) for (let k = 0; k < layer.fanIn * layer.fanOut; k++) penalty += before[layer.weightOffset + k] ** 2;
    trainer.net.setParams(before);
    expect(batchLoss).toBeCloseTo(trainer.net.loss(xorData().train.x, xorData().train.y, 4) + 0.25 * penalty, 12);
  });
});
