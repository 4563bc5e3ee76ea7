/**
 * The second thread of the float32 kernels (src/shared/nn/wasmKernels.ts, KernelHelper): a worker
 * that instantiates the same WebAssembly module on the same shared memory and runs the exports it
 * is handed through a mailbox in that memory. Hand-over is by Atomics on the mailbox, not
 * postMessage (tens of microseconds): a training step hands over about ten jobs of 10-50 us each.
 *
 * Mailbox (int32 words, then float64 arguments): [0] job number, [1] kernel index, [2] job done,
 * [3] argument count, [4] 1 while the helper sleeps, [5] 1 while this thread sleeps waiting for a
 * job, [6] 1 when the job threw; the arguments from byte 32; the result after them (1 for the
 * products, which return nothing). The helper spins on the job number for 2 ms after each job (a
 * training step's next job follows within microseconds), then sleeps in Atomics.wait until woken,
 * so an idle run costs no CPU.
 * The worker is unref'd: it never keeps a process alive.
 */
import { Worker } from 'node:worker_threads';
import { HELPER_KERNELS, HELPER_MAILBOX_BYTES, type KernelHelper } from '../../shared/nn/wasmKernels';

const ARGS_OFFSET = 32;
const MAX_ARGS = (HELPER_MAILBOX_BYTES - ARGS_OFFSET) / 8 - 1;
/**
 * How long (ms) the helper spins on an unchanged job number before it sleeps: longer than the
 * gaps inside a training step (the serial parts, about 0.05 ms), since waking a sleeping thread
 * can take a millisecond in a virtual machine; short enough that an idle run costs no CPU.
 */
const HELPER_SPIN_MS = 2;
/**
 * How long (ms) this thread spins on an unfinished job before it sleeps: jobs take at most about
 * 0.05 ms, so a job this late means the helper is waiting for a core (a time slice is a few ms).
 */
const SPIN_MS = 0.2;
/** Shareable jobs before the first trial (the helper's copy of the kernels warms up), between trials, and timed per side of a trial. */
const WARM_UP_JOBS = 1_500;
const TRIAL_EVERY = 3_000;
const TRIAL_JOBS = 60;
/** How long this thread waits for a job before it reports the helper as stuck. */
const STUCK_MS = 10_000;

/** The helper's program: plain JavaScript, run with `eval` so that it needs no file of its own in any build. */
const HELPER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, mailbox, names, argsOffset, spinMs } = workerData;
const exported = new WebAssembly.Instance(module, { env: { memory } }).exports;
const kernels = names.map((name) => exported[name]);
const box = new Int32Array(memory.buffer, mailbox, 8);
const values = new Float64Array(memory.buffer, mailbox + argsOffset, ${MAX_ARGS + 1});
const args = [];
let seen = 0;
for (;;) {
  let spin = 0;
  let since = performance.now();
  while (Atomics.load(box, 0) === seen) {
    if ((++spin & 255) !== 0 || performance.now() - since < spinMs) continue;
    Atomics.store(box, 4, 1);
    if (Atomics.load(box, 0) === seen) Atomics.wait(box, 0, seen);
    Atomics.store(box, 4, 0);
    since = performance.now();
  }
  seen = Atomics.load(box, 0);
  const kernel = box[1];
  if (kernel < 0) break;
  const count = box[3];
  args.length = count;
  for (let k = 0; k < count; k++) args[k] = values[k];
  let result = NaN;
  try {
    // the products return nothing: 1, as an optimizer step whose parameters all stayed finite
    result = kernels[kernel](...args) ?? 1;
  } catch (error) {
    Atomics.store(box, 6, 1);
  }
  values[${MAX_ARGS}] = result;
  Atomics.store(box, 2, seen);
  if (Atomics.load(box, 5) === 1) Atomics.notify(box, 2);
}
`;

/** Starts the helper thread on `module` and `memory`, with its mailbox at byte `mailbox`. */
export function startKernelHelper(module: object, memory: { buffer: ArrayBufferLike }, mailbox: number, shareWhen: () => boolean = () => true): KernelHelper {
  const worker = new Worker(HELPER_SOURCE, {
    eval: true,
    workerData: { module, memory, mailbox, names: [...HELPER_KERNELS], argsOffset: ARGS_OFFSET, spinMs: HELPER_SPIN_MS },
  });
  worker.unref();
  let failed: string | null = null;
  worker.on('error', (error) => { failed = error.message; });
  worker.on('exit', (code) => { failed ??= `exited with code ${code}`; });
  const box = new Int32Array(memory.buffer, mailbox, 8);
  const values = new Float64Array(memory.buffer, mailbox + ARGS_OFFSET, MAX_ARGS + 1);
  let job = 0;
  const choice = new SharingChoice();
  return {
    available: () => shareWhen() && choice.next(performance.now()),
    start(name, args) {
      if (args.length > MAX_ARGS) throw new Error(`kernel helper: ${name} has ${args.length} arguments, at most ${MAX_ARGS} fit the mailbox`);
      for (let k = 0; k < args.length; k++) values[k] = args[k];
      box[1] = HELPER_KERNELS.indexOf(name);
      box[3] = args.length;
      Atomics.store(box, 0, ++job);
      if (Atomics.load(box, 4) === 1) Atomics.notify(box, 0);
    },
    finish() {
      let spins = 0;
      const since = performance.now();
      while (Atomics.load(box, 2) !== job) {
        if ((++spins & 255) !== 0 || performance.now() - since < SPIN_MS) continue;
        // not done soon: the helper may be waiting for a core (another run trains beside this
        // one), so this thread sleeps until it is woken instead of spinning the helper's core away
        Atomics.store(box, 5, 1);
        Atomics.wait(box, 2, job - 1, 1);
        Atomics.store(box, 5, 0);
        if (failed !== null || performance.now() - since > STUCK_MS) {
          throw new Error(`the kernel helper thread stopped answering (${failed ?? `no answer in ${STUCK_MS / 1000} s`})`);
        }
        // a helper asleep through a lost wake-up is woken again
        if (Atomics.load(box, 4) === 1) Atomics.notify(box, 0);
      }
      if (Atomics.load(box, 6) === 1) {
        box[6] = 0;
        throw new Error(`the kernel helper thread failed to run ${HELPER_KERNELS[box[1]]}`);
      }
      return values[MAX_ARGS];
    },
  };
}

/**
 * Whether sharing pays, found by trying: after a warm-up and then every TRIAL_EVERY shareable
 * jobs, TRIAL_JOBS are timed alone and TRIAL_JOBS shared (about ten training steps each), and the
 * faster way is kept until the next trial. Two threads lose when they do not get two cores: two
 * runs training at once (each ran at 40k samples/s sharing, 150k alone), another busy process, a
 * virtual machine whose second core is busy elsewhere (about 110k sharing against 160k alone).
 */
export class SharingChoice {
  private jobs = 0;
  private shared = true;
  /** The trial under way: which side, when it started, its jobs so far, the alone side's time. */
  private trial: { sharing: boolean; start: number; count: number; alone: number } | null = null;
  private warmedUp = false;

  /** Whether to share the job about to run, at time `now` (ms). */
  next(now: number): boolean {
    const trial = this.trial;
    if (trial === null) {
      if (++this.jobs < (this.warmedUp ? TRIAL_EVERY : WARM_UP_JOBS)) return this.shared;
      this.warmedUp = true;
      this.trial = { sharing: false, start: now, count: 0, alone: 0 };
      return false;
    }
    if (++trial.count < TRIAL_JOBS) return trial.sharing;
    if (!trial.sharing) {
      this.trial = { sharing: true, start: now, count: 0, alone: now - trial.start };
      return true;
    }
    this.shared = now - trial.start < trial.alone;
    this.trial = null;
    this.jobs = 0;
    return this.shared;
  }

  /** Whether jobs are shared outside trials (for the tests). */
  get sharing(): boolean { return this.shared; }
}
