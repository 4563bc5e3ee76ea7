/**
 * The engine's image layers against torch.nn.functional (conv2d, max_pool2d, avg_pool2d) on
 * random shapes: odd sizes, non-square kernels, stride 2, padding (tests/fixtures/conv/torch_conv.py).
 * Both sides compute in float64, so outputs, loss, parameter gradients and input gradients agree
 * to rounding. Optional: where /usr/bin/python3 has no torch (CI), skipped with the reason printed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Network } from '../../src/shared/nn/network';
import type { ImageLayerSpec, ImageShape } from '../../src/shared/nn/spec';

const PYTHON = '/usr/bin/python3';
const SCRIPT = join(import.meta.dirname, '../fixtures/conv/torch_conv.py');
const CASES = 30;

interface TorchCase {
  inputShape: ImageShape;
  imageLayers: ImageLayerSpec[];
  params: number[];
  x: number[];
  y: number[];
  rows: number;
  outputs: number[];
  loss: number;
  grads: number[];
  inputGradient: number[];
}

function torchCases(): { torch: string; cases: TorchCase[] } | undefined {
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    console.log(`torch.nn.functional agreement skipped: ${PYTHON} ${probe.error ? `cannot run (${probe.error.message})` : `has no torch (${probe.stderr.trim().split('\n').pop()})`}`);
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'torch-conv-'));
  try {
    const out = join(dir, 'cases.json');
    const run = spawnSync(PYTHON, [SCRIPT, out, String(CASES)], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`${SCRIPT} failed: ${run.stderr}`);
    return JSON.parse(readFileSync(out, 'utf8')) as { torch: string; cases: TorchCase[] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const oracle = torchCases();

/** |a - b| relative to the larger magnitude, with a floor for values near zero. */
function worstDifference(actual: ArrayLike<number>, expected: readonly number[]): number {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let k = 0; k < expected.length; k++) {
    worst = Math.max(worst, Math.abs(actual[k] - expected[k]) / Math.max(1e-6, Math.abs(expected[k])));
  }
  return worst;
}

describe.skipIf(!oracle)('image layers against torch.nn.functional', () => {
  const worst = { value: 0, what: '' };
  afterAll(() => console.log(`largest relative difference from torch ${oracle?.torch}: ${worst.value.toExponential(2)} (${worst.what})`));
  const note = (value: number, what: string) => { if (value > worst.value) Object.assign(worst, { value, what }); return value; };

  (oracle?.cases ?? []).forEach((c, k) => {
    const shape = c.imageLayers.map((l) => l.kind === 'conv' ? `conv${JSON.stringify(l.kernel)}s${JSON.stringify(l.stride)}p${JSON.stringify(l.padding)}`
      : l.kind === 'flatten' ? 'flatten' : `${l.kind}${JSON.stringify(l.size)}s${JSON.stringify(l.stride)}`).join(' ');
    it(`case ${k}: ${c.inputShape.join('x')} ${shape}: outputs, loss, gradients and input gradient agree`, () => {
      const inputs = c.inputShape[0] * c.inputShape[1] * c.inputShape[2];
      const net = new Network({
        inputs, inputShape: c.inputShape, imageLayers: c.imageLayers,
        layers: [{ units: 3, activation: 'softmax' }], loss: 'softmax-ce',
      }, Float64Array.from(c.params));
      const x = Float64Array.from(c.x);
      const y = Float64Array.from(c.y);
      expect(note(worstDifference(net.predict(x, c.rows), c.outputs), `case ${k} outputs`)).toBeLessThan(1e-9);
      const loss = net.lossAndGradient(x, y, c.rows);
      expect(note(Math.abs(loss - c.loss) / Math.abs(c.loss), `case ${k} loss`)).toBeLessThan(1e-9);
      expect(note(worstDifference(net.grads, c.grads), `case ${k} gradients`)).toBeLessThan(1e-7);
      // the input gradient of the mean loss: the sum over outputs of dL/dp_k times dp_k/dx, row by row
      const gradient = new Float64Array(inputs * c.rows);
      for (let r = 0; r < c.rows; r++) {
        const row = x.subarray(r * inputs, (r + 1) * inputs);
        const p = net.predict(row, 1);
        for (let j = 0; j < 3; j++) {
          // d(mean CE)/dp_j = -y_j / (p_j rows)
          const weight = -y[r * 3 + j] / (p[j] * c.rows);
          if (weight === 0) continue;
          const g = net.inputGradient(row, { layer: 0, unit: j }).gradient;
          for (let i = 0; i < inputs; i++) gradient[r * inputs + i] += weight * g[i];
        }
      }
      expect(note(worstDifference(gradient, c.inputGradient), `case ${k} input gradient`)).toBeLessThan(1e-7);
    });
  });
});
