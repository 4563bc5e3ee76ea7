/**
 * PyTorch as an in-run peer: the bench writes the task (its rows in TASKS.md's order, the
 * initial parameters every implementation starts from, T4's directions) to a temporary folder,
 * and `pytorch_peer.py` runs it under /usr/bin/python3 (or $BACKPROP_LAB_PYTHON) with 1 and 2
 * threads, T4 both as a loop over grid points and batched over points. PyTorch computes in
 * float32, as its users run it, so its losses agree with the float64 check values to about
 * four digits; `agreesWithOurs` says whether they do.
 *
 * Where Python has no torch the peer is skipped with a printed reason (CI need not install it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dataset } from '../../src/shared/data';
import type { Network } from '../../src/shared/nn';
import type { TrainSpec } from '../../src/shared/training';
import type { TaskResult } from '../ours';
import { T4_GRID } from '../tasks';

const SCRIPT = fileURLToPath(new URL('./pytorch_peer.py', import.meta.url));
export const PYTHON = process.env.BACKPROP_LAB_PYTHON ?? '/usr/bin/python3';

/** One PyTorch configuration: its name in the bench's output and its settings. */
export interface TorchConfig { impl: string; threads: number; batched?: boolean }

export interface TorchResult extends TaskResult { impl: string; runs: number[]; torch: string }

/** null when PyTorch can run here, else the reason it cannot (printed by the bench). */
export function torchUnavailable(): string | null {
  const probe = spawnSync(PYTHON, ['-c', 'import torch, numpy; print(torch.__version__)'], { encoding: 'utf8' });
  if (probe.error) return `${PYTHON} could not be run (${probe.error.message})`;
  if (probe.status !== 0) return `${PYTHON} has no torch/numpy (apt-get install -y python3-torch)`;
  return null;
}

export function torchConfigs(task: 'train' | 'landscape'): TorchConfig[] {
  const threads = [1, 2];
  return task === 'train'
    ? threads.map((t) => ({ impl: `pytorch-${t}t`, threads: t }))
    : threads.flatMap((t) => [
      { impl: `pytorch-${t}t-loop`, threads: t, batched: false },
      { impl: `pytorch-${t}t-batched`, threads: t, batched: true },
    ]);
}

const f64 = (values: ArrayLike<number>): Buffer => Buffer.from(Float64Array.from(values).buffer);

/**
 * Runs every configuration `repeat` times in one Python process (the median run of each is
 * reported) and returns their results in the order given.
 */
export function runTorch(
  kind: 'train' | 'landscape', spec: TrainSpec, data: Dataset, net: Network, work: number,
  configs: TorchConfig[], repeat: number, directions?: [Float64Array, Float64Array],
): TorchResult[] {
  const folder = mkdtempSync(join(tmpdir(), 'backprop-lab-bench-torch-'));
  try {
    const { n } = data.train;
    writeFileSync(join(folder, 'x.f64'), f64(data.train.x));
    writeFileSync(join(folder, 'y.f64'), f64(data.train.y));
    writeFileSync(join(folder, 'params.f64'), f64(net.params));
    if (directions) {
      writeFileSync(join(folder, 'd1.f64'), f64(directions[0]));
      writeFileSync(join(folder, 'd2.f64'), f64(directions[1]));
    }
    const job = {
      kind, n, inputDim: data.inputDim, outputDim: data.outputDim, loss: spec.loss,
      learningRate: spec.learningRate, batchSize: spec.batchSize, epochs: spec.epochs,
      steps: T4_GRID.steps, repeat,
      layers: net.layers.map((l) => ({ fanIn: l.fanIn, fanOut: l.fanOut, activation: l.activation })),
      configs,
    };
    writeFileSync(join(folder, 'job.json'), JSON.stringify(job));
    const run = spawnSync(PYTHON, [SCRIPT, folder], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`PyTorch peer failed (exit ${run.status}): ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    return run.stdout.trim().split('\n').map((line) => {
      const r = JSON.parse(line) as Record<string, unknown> & { impl: string; seconds: number; loss: number; acc: number | null; runsSeconds: number[]; torch: string };
      const extra: Record<string, number> = {};
      for (const key of ['initialLoss', 'sum', 'min', 'argmin', 'centre']) if (typeof r[key] === 'number') extra[key] = r[key] as number;
      return {
        impl: r.impl, throughput: work / r.seconds, seconds: r.seconds, loss: r.loss, acc: r.acc, extra,
        runs: r.runsSeconds.map((s) => Math.round(work / s)), torch: r.torch,
      };
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Whether a float32 peer computed what we computed: final loss (T4: the grid's sum) within
 * 1e-3 relative, accuracy within half a point. These are the tolerances issue #13 sets for a
 * float32 path of our own.
 */
export function agreesWithOurs(ours: TaskResult, peer: TaskResult): boolean {
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-3 * Math.max(Math.abs(a), Math.abs(b), 1e-12);
  const lossOk = 'sum' in ours.extra ? close(ours.extra.sum, peer.extra.sum) : close(ours.loss, peer.loss);
  const accOk = ours.acc == null || peer.acc == null || Math.abs(ours.acc - peer.acc) <= 0.005;
  return lossOk && accOk;
}
