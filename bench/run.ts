/**
 * `npm run bench`: the four tasks of /work/shared/bench/TASKS.md on our engine, on
 * TensorFlow.js (cpu and wasm backends) and on PyTorch (1 and 2 threads; T4 also batched over
 * grid points) where /usr/bin/python3 has torch, one JSON line per task and implementation on
 * stdout, then the ratios of our throughput to each peer's and to PyTorch's best. Progress
 * goes to stderr.
 *
 *   --task T1 (repeatable, or T1,T3)   which tasks (default all four)
 *   --no-peers                         ours only
 *   --peer tfjs|pytorch (repeatable)   only these peers (default both)
 *   --repeat N                         timed runs of ours, median reported (default 3)
 *   --peer-repeat N                    timed runs of each peer (default 1: they are slow)
 */
import { nodeDataSources } from '../src/main/data/mnist';
import { trainingThreads, useWasmKernels } from '../src/main/data/wasmKernels';
import type { Dataset } from '../src/shared/data';
import type { TrainSpec } from '../src/shared/training';
import { initialNetwork } from '../src/shared/training/initialNetwork';
import { densePeakGflops, float32PeakGflops, flopsPerUnit } from './flops';
import { landscapeOurs, trainOurs, type TaskResult } from './ours';
import { agreesWithOurs, runTorch, torchConfigs, torchUnavailable } from './peers/pytorch';
import { landscapeTf, loadTf, trainTf, type TfBackend } from './peers/tfjs';
import {
  CHECKS, checkReport, landscapeDirections, T2_FLOAT64_SPEC, T4_GRID, TASK_IDS, TRAIN_SPECS, taskData, type TaskId,
} from './tasks';
import { resolvePrecision } from '../src/shared/nn/precision';
import { networkSpecOf } from '../src/shared/training/trainSpec';

const UNITS: Record<TaskId, string> = { T1: 'samples/s', T2: 'samples/s', T3: 'steps/s', T4: 'evals/s' };
/** The speed-ups we aim for, against the peer named (the brief's targets). */
const TARGETS: Record<TaskId, { peer: Impl; ratio: number }> = {
  T1: { peer: 'tfjs-cpu', ratio: 40 },
  T2: { peer: 'tfjs-wasm', ratio: 1.3 },
  T3: { peer: 'tfjs-cpu', ratio: 100 },
  T4: { peer: 'tfjs-wasm', ratio: 2 },
};
/** Issue #13: at least PyTorch's best configuration, measured in the same run, on every task. */
const PYTORCH_TARGET = 1.0;
type Impl = 'backprop-lab' | 'backprop-lab-float64' | 'tfjs-cpu' | 'tfjs-wasm';
type PeerFamily = 'tfjs' | 'pytorch';
const PEERS: [Impl, TfBackend][] = [['tfjs-cpu', 'cpu'], ['tfjs-wasm', 'wasm']];

interface Options { tasks: TaskId[]; peers: Set<PeerFamily>; repeat: number; peerRepeat: number }

function parseOptions(argv: string[]): Options {
  const options: Options = { tasks: [], peers: new Set(), repeat: 3, peerRepeat: 1 };
  let peersChosen = false;
  const count = (flag: string, value: string | undefined): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) usage(`${flag} takes a whole number of runs, at least 1; got '${value ?? ''}'`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--task') {
      for (const id of (value() ?? '').split(',').map((s) => s.trim().toUpperCase()).filter(Boolean)) {
        if (!(TASK_IDS as readonly string[]).includes(id)) usage(`--task: unknown task '${id}'; choose from ${TASK_IDS.join(', ')}`);
        if (!options.tasks.includes(id as TaskId)) options.tasks.push(id as TaskId);
      }
    } else if (flag === '--no-peers') peersChosen = true;
    else if (flag === '--peer') {
      const peer = value();
      if (peer !== 'tfjs' && peer !== 'pytorch') usage(`--peer: unknown peer '${peer ?? ''}'; choose tfjs or pytorch`);
      options.peers.add(peer);
      peersChosen = true;
    }
    else if (flag === '--repeat') options.repeat = count(flag, value());
    else if (flag === '--peer-repeat') options.peerRepeat = count(flag, value());
    else usage(`unknown flag '${argv[i]}'`);
  }
  if (options.tasks.length === 0) options.tasks = [...TASK_IDS];
  if (!peersChosen) options.peers = new Set(['tfjs', 'pytorch']);
  return options;
}

function usage(message: string): never {
  process.stderr.write(`bench: ${message}\nusage: npm run bench -- [--task T1[,T2...]] [--no-peers | --peer tfjs|pytorch ...] [--repeat N] [--peer-repeat N]\n`);
  process.exit(2);
}

/** Runs `once` n times and keeps the run with the median throughput (the losses are the same each time). */
async function median(n: number, once: () => Promise<TaskResult> | TaskResult): Promise<TaskResult & { runs: number[] }> {
  const results: TaskResult[] = [];
  for (let k = 0; k < n; k++) results.push(await once());
  const sorted = [...results].sort((a, b) => a.throughput - b.throughput);
  return { ...sorted[Math.floor((sorted.length - 1) / 2)], runs: results.map((r) => round(r.throughput, 0)) };
}

const round = (v: number, digits: number): number => Number(v.toFixed(digits));

function checkOf(task: TaskId, r: TaskResult, float32: boolean): string {
  switch (task) {
    case 'T1': case 'T2':
      return checkReport({ initialLoss: [r.extra.initialLoss, CHECKS[task].initialLoss], loss: [r.loss, CHECKS[task].loss], acc: [r.acc ?? NaN, CHECKS[task].acc] }, float32);
    case 'T3':
      return checkReport({ initialLoss: [r.extra.initialLoss, CHECKS.T3.initialLoss], loss: [r.loss, CHECKS.T3.loss] });
    case 'T4':
      return checkReport({ sum: [r.extra.sum, CHECKS.T4.sum], min: [r.extra.min, CHECKS.T4.min], argmin: [r.extra.argmin, CHECKS.T4.argmin], centre: [r.extra.centre, CHECKS.T4.centre] });
  }
}

function emit(line: object): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** `precision`: ours only, the arithmetic the run trained in (its check follows it). */
function report(task: TaskId, impl: Impl, r: TaskResult & { runs: number[] }, flops: number, precision?: 'float32' | 'float64'): void {
  emit({
    task, impl, ...(precision ? { precision } : {}), throughput: round(r.throughput, 1), unit: UNITS[task], gflops: round((r.throughput * flops) / 1e9, 2),
    loss: r.loss, acc: r.acc, seconds: round(r.seconds, 4), runs: r.runs, ...r.extra,
    ...(precision ? { check: checkOf(task, r, precision === 'float32') } : {}),
  });
}

/** The process's peak resident memory so far, in MB (the tasks run in order, so after T2 it is T2's peak with T1's). */
const peakRssMb = (): number => round(process.resourceUsage().maxRSS / 1024, 1);

async function runTask(task: TaskId, options: Options, mnist: () => Dataset, torchMissing: string | null): Promise<void> {
  const spec = TRAIN_SPECS[task === 'T4' ? 'T1' : task];
  const data = task === 'T2' ? mnist() : taskData(spec);
  const work = task === 'T3' ? spec.epochs : spec.epochs * data.train.n;
  const [d1, d2] = landscapeDirections(initialNetwork(spec, data.inputDim).params.length);
  // the spec as a user runs it: its precision 'auto' (float32 for T2's size, float64 for the others)
  const precision = task === 'T4' ? 'float64' : resolvePrecision(spec.precision, networkSpecOf(spec, data.inputDim));
  process.stderr.write(`${task}: backprop-lab (${precision}) x${options.repeat}\n`);
  const ours = await median(options.repeat, () => (task === 'T4' ? landscapeOurs(spec, data) : trainOurs(spec, data, work)));
  const flops = flopsPerUnit(task, spec, data.inputDim, data.train.n);
  report(task, 'backprop-lab', ours, flops, precision);
  if (task === 'T2') {
    emit({ task, impl: 'backprop-lab', peak_rss_mb: peakRssMb() });
    // and in float64, where TASKS.md's check values hold to the printed digits
    process.stderr.write(`${task}: backprop-lab-float64 x${options.repeat}\n`);
    report(task, 'backprop-lab-float64', await median(options.repeat, () => trainOurs(T2_FLOAT64_SPEC, data, work)), flops, 'float64');
  }
  if (options.peers.has('tfjs')) await runTfPeers(task, options, spec, data, work, ours, [d1, d2], flops);
  if (options.peers.has('pytorch') && torchMissing === null) runTorchPeer(task, options, spec, data, work, ours, [d1, d2], flops);
}

/** PyTorch at every configuration, then our ratio to its best (the one a user would pick). */
function runTorchPeer(task: TaskId, options: Options, spec: TrainSpec, data: Dataset, work: number, ours: TaskResult, directions: [Float64Array, Float64Array], flops: number): void {
  const kind = task === 'T4' ? 'landscape' : 'train';
  process.stderr.write(`${task}: pytorch (${torchConfigs(kind).map((c) => c.impl).join(', ')}) x${options.peerRepeat}\n`);
  // T4's work is the grid's points, not the training samples of its T1 spec
  const units = task === 'T4' ? (T4_GRID.steps + 1) ** 2 : work;
  const results = runTorch(kind, spec, data, initialNetwork(spec, data.inputDim), units, torchConfigs(kind), options.peerRepeat, directions);
  for (const r of results) {
    emit({
      task, impl: r.impl, throughput: round(r.throughput, 1), unit: UNITS[task], gflops: round((r.throughput * flops) / 1e9, 2), loss: r.loss, acc: r.acc,
      seconds: round(r.seconds, 4), runs: r.runs, ...r.extra, torch: r.torch, agreesWithOurs: agreesWithOurs(ours, r),
    });
  }
  const best = results.reduce((a, b) => (b.throughput > a.throughput ? b : a));
  const ratio = ours.throughput / best.throughput;
  emit({ task, ratio_vs: 'pytorch-best', best: best.impl, ratio: round(ratio, 2), target: PYTORCH_TARGET, meets: ratio >= PYTORCH_TARGET });
}

async function runTfPeers(task: TaskId, options: Options, spec: TrainSpec, data: Dataset, work: number, ours: TaskResult, [d1, d2]: [Float64Array, Float64Array], flops: number): Promise<void> {
  for (const [impl, backend] of PEERS) {
    process.stderr.write(`${task}: ${impl} x${options.peerRepeat}\n`);
    const tf = await loadTf(backend);
    const peer = await median(options.peerRepeat, () => {
      const net = initialNetwork(spec, data.inputDim);
      return task === 'T4' ? landscapeTf(tf, spec, data, net, d1, d2) : trainTf(tf, spec, data, net, work);
    });
    report(task, impl, peer, flops);
    const target = TARGETS[task].peer === impl ? { target: TARGETS[task].ratio, meets: ours.throughput / peer.throughput >= TARGETS[task].ratio } : {};
    emit({ task, ratio_vs: impl, ratio: round(ours.throughput / peer.throughput, 2), ...target });
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const kernels = useWasmKernels(process.env, { threads: trainingThreads() });
  process.stderr.write(`bench: ${kernels.kernels} kernels${kernels.reason ? ` (${kernels.reason})` : ''}\n`);
  const started = performance.now();
  // TensorFlow.js greets Node users on console; keep stdout for the JSON lines.
  console.log = (...args: unknown[]) => process.stderr.write(`${args.map(String).join(' ')}\n`);
  let mnist: Dataset | undefined;
  const loadMnist = () => (mnist ??= taskData(TRAIN_SPECS.T2, nodeDataSources));
  const torchMissing = options.peers.has('pytorch') ? torchUnavailable() : null;
  if (torchMissing !== null) {
    process.stderr.write(`bench: PyTorch peer skipped: ${torchMissing}\n`);
    emit({ impl: 'pytorch', skipped: torchMissing });
  }
  for (const task of options.tasks) await runTask(task, options, loadMnist, torchMissing);
  // last: run first, its arrays in the kernels' memory made T3 about 10% slower (V8 then compiles the
  // shared loops for both kinds of array)
  emit({ kernel: 'dense', kernels: kernels.kernels, shape: '512x512 by 512x512, float64, no zeros', peak_gflops: round(densePeakGflops(), 2) });
  emit({ kernel: 'dense-float32', kernels: kernels.kernels, shape: '512x512 by 512x512, float32, no zeros', peak_gflops: round(float32PeakGflops(), 2) });
  process.stderr.write(`bench: done in ${round((performance.now() - started) / 1000, 1)} s\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
