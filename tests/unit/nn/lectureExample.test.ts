import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readModel } from '../../../src/shared/model';
import { Network } from '../../../src/shared/nn/network';
import { trace } from '../../../src/shared/nn/trace';

/** `value` printed to `decimals` places reads `printed`. */
function expectPrinted(value: number, printed: string): void {
  const decimals = printed.split('.')[1]?.length ?? 0;
  expect(value.toFixed(decimals)).toBe(printed);
}

const examples = fileURLToPath(new URL('../../../resources/examples/', import.meta.url));

describe("the lecture's building-energy example", () => {
  const model = readModel(JSON.parse(readFileSync(`${examples}energy.model.json`, 'utf8')));
  // input (0.4, 0.5) -> target 0.27 is the table's second row, min-max scaled
  const step = trace(model, [0.4, 0.5], [0.27], { lr: 0.01 });
  const [hidden, output] = step.layers;

  it('is a 2-2-1 sigmoid network with the halved squared error', () => {
    expect(model.spec).toEqual({
      inputs: 2,
      layers: [{ units: 2, activation: 'sigmoid' }, { units: 1, activation: 'sigmoid' }],
      loss: 'mse-half',
    });
  });

  it('gives hidden a1 = 0.5915 and output 0.6922', () => {
    expectPrinted(hidden.a[0], '0.5915');
    expectPrinted(output.a[0], '0.6922');
  });

  it('gives L = 1/2 (0.6922 - 0.27)^2 = 0.08915', () => {
    expectPrinted(step.loss, '0.08915');
  });

  it('gives dL/dw1(2) = (y_hat - y) y_hat (1 - y_hat) a1 = 0.4222 * 0.2130 * 0.5915 = 0.0532 for w1(2) = 0.6', () => {
    const yHat = output.a[0];
    expect(output.weights[0][0]).toBe(0.6);
    expectPrinted(yHat - 0.27, '0.4222');
    expectPrinted(yHat * (1 - yHat), '0.2130');
    expectPrinted(output.gradWeights[0][0], '0.0532');
  });

  it('updates w1(2) to 0.6 - 0.01 * 0.0532 = 0.599468', () => {
    expectPrinted(output.newWeights[0][0], '0.599468');
    expect(step.lossAfter).toBeLessThan(step.loss);
  });

  it('matches the scaled row of energy.csv', () => {
    const lines = readFileSync(`${examples}energy.csv`, 'utf8').trim().split('\n').map((line) => line.split(',').map(Number));
    const rows = lines.slice(1);
    const scaled = (column: number, value: number): number => {
      const values = rows.map((row) => row[column]);
      return (value - Math.min(...values)) / (Math.max(...values) - Math.min(...values));
    };
    const row = rows.find((r) => r[3] === 0.4 && r[4] === 0.5);
    expect(row).toBeDefined();
    expect(row![5]).toBe(0.27);
    for (const r of rows) for (let c = 0; c < 3; c++) expect(scaled(c, r[c])).toBeCloseTo(r[c + 3], 12);
  });
});

describe('a 2-2-2 sigmoid network worked by hand (Mazur\'s example)', () => {
  // inputs .05, .10; targets .01, .99; w1..w4 = .15 .20 .25 .30 into the hidden units, b1 = .35;
  // w5..w8 = .40 .45 .50 .55 into the outputs, b2 = .60; loss 1/2 sum (t - o)^2; eta 0.5.
  // In [i][j] orientation: W1 = [[w1, w3], [w2, w4]], W2 = [[w5, w7], [w6, w8]].
  const net = new Network({
    inputs: 2,
    layers: [{ units: 2, activation: 'sigmoid' }, { units: 2, activation: 'sigmoid' }],
    loss: 'mse-half',
  });
  net.setParams([0.15, 0.25, 0.2, 0.3, 0.35, 0.35, 0.4, 0.5, 0.45, 0.55, 0.6, 0.6]);
  // Mazur keeps the biases fixed.
  const step = trace(net, [0.05, 0.1], [0.01, 0.99], { lr: 0.5, freezeBias: true });
  const [hidden, output] = step.layers;

  it('computes the forward pass', () => {
    // net_h1 = .15*.05 + .20*.10 + .35 = .3775, out_h1 = sigmoid(.3775) = .593269992
    expect(hidden.z[0]).toBeCloseTo(0.3775, 12);
    expect(hidden.a[0]).toBeCloseTo(0.593269992, 9);
    // net_h2 = .25*.05 + .30*.10 + .35 = .3925, out_h2 = .596884378
    expect(hidden.a[1]).toBeCloseTo(0.596884378, 9);
    // net_o1 = .40*.593269992 + .45*.596884378 + .60 = 1.105905967, out_o1 = .75136507
    expect(output.z[0]).toBeCloseTo(1.105905967, 9);
    expect(output.a[0]).toBeCloseTo(0.75136507, 8);
    // out_o2 = sigmoid(.50*.593269992 + .55*.596884378 + .60) = .772928465
    expect(output.a[1]).toBeCloseTo(0.772928465, 9);
  });

  it('gives the total error 1/2 (.01 - .75136507)^2 + 1/2 (.99 - .772928465)^2 = 0.298371109', () => {
    expect(step.loss).toBeCloseTo(0.298371109, 9);
  });

  it('gives dE/dw5 = (.75136507 - .01) * .75136507 * (1 - .75136507) * .593269992 = 0.082167041 and w5 = 0.35891648', () => {
    expect(output.delta[0]).toBeCloseTo(0.138498562, 9);
    expect(output.gradWeights[0][0]).toBeCloseTo(0.082167041, 9);
    expect(output.newWeights[0][0]).toBeCloseTo(0.35891648, 8);
    // w6, w7, w8
    expect(output.newWeights[1][0]).toBeCloseTo(0.408666186, 9);
    expect(output.newWeights[0][1]).toBeCloseTo(0.51130127, 8);
    expect(output.newWeights[1][1]).toBeCloseTo(0.561370121, 9);
  });

  it('backpropagates to the hidden weights: w1 = 0.149780716 with delta_h1 = f\'(z) sum_k w_1k delta_k', () => {
    // dE/dout_h1 = .138498562 * .40 + (-.038098236) * .50 = .036350306; delta_h1 = that * out_h1 (1 - out_h1)
    expect(hidden.delta[0]).toBeCloseTo(0.036350306 * 0.593269992 * (1 - 0.593269992), 9);
    expect(hidden.newWeights[0][0]).toBeCloseTo(0.149780716, 9);
    expect(hidden.newWeights[1][0]).toBeCloseTo(0.19956143, 8);
    expect(hidden.newWeights[0][1]).toBeCloseTo(0.24975114, 8);
    expect(hidden.newWeights[1][1]).toBeCloseTo(0.29950229, 8);
  });

  it('leaves frozen biases as they were and does not change the source network', () => {
    expect(hidden.newBias).toEqual([0.35, 0.35]);
    expect(output.newBias).toEqual([0.6, 0.6]);
    expect(net.params[6]).toBe(0.4);
  });

  it('updates biases by eta * delta when they are not frozen', () => {
    const free = trace(net, [0.05, 0.1], [0.01, 0.99], { lr: 0.5 });
    expect(free.layers[1].newBias[0]).toBeCloseTo(0.6 - 0.5 * 0.138498562, 9);
  });
});
