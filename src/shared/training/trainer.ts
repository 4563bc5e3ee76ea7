/**
 * One training run: a network, its optimizer, the data order and the step/epoch counters,
 * driven batch by batch by the training worker and the CLI. The same TrainSpec and dataset
 * give a bit-identical run.
 *
 * In float32 (the spec's precision, nn/precision.ts) the batches run on a Float32Network with
 * float32 optimizer state and a float32 copy of the training inputs; the float64 `net` is what
 * everyone else reads (evaluation, checkpoints, exports, histograms), its parameters widened from
 * the float32 ones whenever it is read after a step.
 */
import type { Dataset, Split } from '../data/spec';
import { addRegularization } from '../nn/regularization';
import { deadUnitFraction, layerGradNorm, layerWeightNorm, type LayerDiagnostics } from '../nn/diagnostics';
import { Network } from '../nn/network';
import { Float32Network } from '../nn/float32Network';
import { float32Kernels } from '../nn/kernels';
import { resolvePrecision, type ResolvedPrecision } from '../nn/precision';
import { createFloat32Optimizer, createOptimizer } from '../nn/optimizers';
import { mulberry32, shuffleInPlace, type Rng } from '../nn/rng';
import { scheduledRate } from '../nn/schedule';
import { RegularizationSpecSchema, type RegularizationSpec } from '../nn/spec';
import type { TrainSpec } from './trainSpec';
import { initialNetwork } from './initialNetwork';

export type { LayerDiagnostics } from '../nn/diagnostics';

/** After one trainBatch: `step` updates done so far, `epoch` epochs completed so far. */
export interface StepReport { step: number; epoch: number; batchLoss: number; epochDone: boolean; diverged: boolean }
/** accuracy for classification (argmax, or >= 0.5 for one output), null for regression. */
export interface EvalReport { loss: number; accuracy: number | null }

/** The shuffle stream is separate from the init stream, so changing the init kind keeps the data order. */
const SHUFFLE_SEED_SALT = 0x9e3779b9;

/** A layer as the step's bookkeeping reads it (regularization, diagnostics, dead units), float64 or float32. */
type StepLayer = Parameters<typeof deadUnitFraction>[0] & Parameters<typeof layerGradNorm>[0] & { activation: string };

/** What a training step runs on: the float64 network and optimizer, or the float32 ones. */
interface Stepper {
  readonly layers: readonly StepLayer[];
  /** Fills the gradient of the mean loss over `rows` rows (the gathered batch, or the split's rows from `start`); the loss. */
  lossAndGradient(rows: number, start: number): number;
  /** The optimizer's update; whether every parameter stayed finite. */
  update(lr: number): boolean;
  /** Copies the training split's row `src` to the batch's row `r` (shuffled mini-batches). */
  gatherRow(src: number, r: number): void;
  /** The float32 parameters the steps change (widened into the float64 network when it is read), or null in float64. */
  readonly float32Params: Float32Array | null;
}

export class Trainer {
  private readonly network: Network;
  /** The arithmetic of the training steps. */
  readonly precision: ResolvedPrecision;
  private readonly stepper: Stepper;
  /** Whether `network.params` is behind the float32 parameters (a float32 step since it was last widened). */
  private stale = false;
  /** Shares net.params; its own buffers, so evaluating never disturbs the last batch's activations. */
  private readonly evalNet: Network;
  private readonly spec: TrainSpec;
  private readonly data: Dataset;
  private readonly shuffleRng: Rng;
  private readonly classification: boolean;
  private readonly batchSize: number;
  private readonly shuffled: boolean;
  /** Row order of the current epoch (only when shuffled). */
  private readonly order: Uint32Array;
  private readonly batchY: Float64Array;
  /** Dead-ReLU fraction of each layer on the last batch (NaN for non-ReLU layers). */
  private readonly deadFractions: Float64Array;
  private baseRate: number;
  private regularization: RegularizationSpec;
  private stepCount = 0;
  private epochCount = 0;
  private batchInEpoch = 0;
  private divergedStep: number | null = null;
  private lastLoss = NaN;

  constructor(spec: TrainSpec, data: Dataset) {
    const last = spec.layers.length - 1;
    if (spec.layers[last].units !== data.outputDim) {
      throw new Error(
        `layers[${last}].units: the output layer has ${spec.layers[last].units} units but the dataset "${data.name}" has ${data.outputDim} outputs`,
      );
    }
    if (data.train.n < 1) throw new Error(`dataset "${data.name}": the training split is empty`);
    if (data.train.x.length !== data.train.n * data.inputDim || data.train.y.length !== data.train.n * data.outputDim) {
      throw new Error(`dataset "${data.name}": train.x/train.y lengths do not match n * inputDim / n * outputDim`);
    }
    this.spec = spec;
    this.data = data;
    this.network = initialNetwork(spec, data.inputDim);
    this.evalNet = new Network(this.network.spec, this.network.params);
    this.shuffleRng = mulberry32((spec.seed ^ SHUFFLE_SEED_SALT) >>> 0);
    this.precision = resolvePrecision(spec.precision, this.network.spec);
    const n = data.train.n;
    this.batchSize = spec.batchSize === 0 || spec.batchSize >= n ? n : spec.batchSize;
    // a full batch's mean gradient does not depend on the order, so only mini-batches are shuffled
    this.shuffled = spec.shuffle && this.batchSize < n;
    this.classification = data.task === 'classification';
    this.order = new Uint32Array(this.shuffled ? n : 0);
    this.batchY = new Float64Array(this.shuffled ? this.batchSize * data.outputDim : 0);
    this.stepper = this.precision === 'float32' ? this.float32Stepper() : this.float64Stepper();
    this.deadFractions = new Float64Array(this.network.layers.length).fill(NaN);
    this.network.layers.forEach((layer, l) => { if (layer.activation === 'relu') this.deadFractions[l] = 0; });
    this.baseRate = spec.learningRate;
    this.regularization = spec.regularization;
  }

  /** The first `rows` rows of the training split (views, at most all of it): a fixed sample, e.g. for checkpoint histograms. */
  trainingRows(rows: number): { x: Float64Array; y: Float64Array; rows: number } {
    const { train, inputDim, outputDim } = this.data;
    const n = Math.min(rows, train.n);
    return { x: train.x.subarray(0, n * inputDim), y: train.y.subarray(0, n * outputDim), rows: n };
  }

  /** The float64 network: after float32 steps, its parameters are widened from the float32 ones first. */
  get net(): Network {
    this.widen();
    return this.network;
  }

  get step(): number { return this.stepCount; }
  get epoch(): number { return this.epochCount; }
  get batchesPerEpoch(): number { return Math.ceil(this.data.train.n / this.batchSize); }
  get diverged(): boolean { return this.divergedStep !== null; }
  get divergedAt(): number | null { return this.divergedStep; }
  get done(): boolean { return this.epochCount >= this.spec.epochs || this.diverged; }

  /** The scheduled rate for the current epoch; setLearningRate changes the base it is scheduled from. */
  get learningRate(): number {
    const epoch = Math.min(this.epochCount, this.spec.epochs - 1);
    return scheduledRate(this.spec.schedule, this.baseRate, epoch, this.spec.epochs);
  }

  setLearningRate(lr: number): void {
    if (!(Number.isFinite(lr) && lr > 0)) throw new Error(`learningRate: expected a positive number, got ${lr}`);
    this.baseRate = lr;
  }

  setRegularization(r: RegularizationSpec): void {
    this.regularization = RegularizationSpecSchema.parse(r);
  }

  /** Replaces the parameters (a run started from a model); in float32 they are rounded to float32, and `net` reads them back so. */
  setParams(p: ArrayLike<number>): void {
    this.network.setParams(p);
    const float32 = this.stepper.float32Params;
    if (float32) {
      float32.set(p);
      this.stale = true;
    }
  }

  private widen(): void {
    const float32 = this.stepper.float32Params;
    if (!this.stale || !float32) return;
    this.network.params.set(float32);
    this.stale = false;
  }

  /** Steps on the float64 network, with the batch gathered into a float64 buffer. */
  private float64Stepper(): Stepper {
    const { network: net, shuffled, batchY, data: { train, inputDim } } = this;
    const optimizer = createOptimizer(this.spec.optimizer, net.params.length);
    const batchX = new Float64Array(shuffled ? this.batchSize * inputDim : 0);
    return {
      layers: net.layers,
      float32Params: null,
      lossAndGradient: (rows, start) => (shuffled ? net.lossAndGradient(batchX, batchY, rows, 0) : net.lossAndGradient(train.x, train.y, rows, start)),
      update: (lr) => optimizer.step(net.params, net.grads, lr),
      gatherRow(src, r) {
        for (let i = 0; i < inputDim; i++) batchX[r * inputDim + i] = train.x[src * inputDim + i];
      },
    };
  }

  /** Steps on a Float32Network (parameters rounded from the float64 ones), with a float32 copy of the training inputs. */
  private float32Stepper(): Stepper {
    const { shuffled, batchY, data: { train, inputDim } } = this;
    const kernels = float32Kernels();
    const net = new Float32Network(this.network.spec, kernels);
    net.setParams(this.network.params);
    const optimizer = createFloat32Optimizer(this.spec.optimizer, net.params.length, kernels);
    const x = kernels.vector(train.x.length);
    x.set(train.x);
    const batchX = kernels.vector(shuffled ? this.batchSize * inputDim : 0);
    return {
      layers: net.layers,
      float32Params: net.params,
      lossAndGradient: (rows, start) => (shuffled ? net.lossAndGradient(batchX, 0, batchY, 0, rows) : net.lossAndGradient(x, start, train.y, start, rows)),
      update: (lr) => {
        this.stale = true;
        return optimizer.step(net.params, net.grads, lr);
      },
      gatherRow: (src, r) => batchX.set(x.subarray(src * inputDim, (src + 1) * inputDim), r * inputDim),
    };
  }

  /** One mini-batch update. After divergence or the last epoch it changes nothing. */
  trainBatch(): StepReport {
    if (this.done) {
      return { step: this.stepCount, epoch: this.epochCount, batchLoss: this.lastLoss, epochDone: false, diverged: this.diverged };
    }
    const train = this.data.train;
    const start = this.batchInEpoch * this.batchSize;
    const rows = Math.min(this.batchSize, train.n - start);
    const stepper = this.stepper;
    if (this.shuffled) {
      if (this.batchInEpoch === 0) this.reshuffle();
      this.gatherBatch(train, start, rows);
    }
    let loss = stepper.lossAndGradient(rows, start);
    this.recordDeadUnits(rows);
    loss += addRegularization(stepper, this.regularization);
    this.stepCount++;
    if (Number.isFinite(loss)) {
      // the optimizer checks that the updated parameters are finite in its own update pass
      if (!stepper.update(this.learningRate)) this.divergedStep = this.stepCount;
    } else {
      this.divergedStep = this.stepCount;
    }
    this.lastLoss = loss;
    let epochDone = false;
    if (++this.batchInEpoch === this.batchesPerEpoch) {
      this.batchInEpoch = 0;
      this.epochCount++;
      epochDone = true;
    }
    return { step: this.stepCount, epoch: this.epochCount, batchLoss: loss, epochDone, diverged: this.diverged };
  }

  /** The remaining batches of the current epoch (stops early on divergence). */
  trainEpoch(): StepReport {
    let report = this.trainBatch();
    while (!report.epochDone && !this.done) report = this.trainBatch();
    return report;
  }

  /** Mean loss (without the regularization penalty) and accuracy over a whole split, forward only. */
  evaluate(split: 'train' | 'test'): EvalReport {
    const s = this.data[split];
    if (s.n === 0) return { loss: NaN, accuracy: null };
    this.widen();
    return this.evalNet.evaluate(s.x, s.y, s.n, this.classification);
  }

  diagnostics(): LayerDiagnostics[] {
    return this.stepper.layers.map((layer, l) => ({
      gradNorm: layerGradNorm(layer),
      weightNorm: layerWeightNorm(layer),
      deadFraction: layer.activation === 'relu' ? this.deadFractions[l] : null,
    }));
  }

  /** Fisher–Yates of the identity, once per epoch, from the shuffle stream. */
  private reshuffle(): void {
    const order = this.order;
    for (let i = 0; i < order.length; i++) order[i] = i;
    shuffleInPlace(order, this.shuffleRng);
  }

  private gatherBatch(train: Split, start: number, rows: number): void {
    const { outputDim } = this.data;
    const { order, batchY, stepper } = this;
    for (let r = 0; r < rows; r++) {
      const src = order[start + r];
      stepper.gatherRow(src, r);
      for (let k = 0; k < outputDim; k++) batchY[r * outputDim + k] = train.y[src * outputDim + k];
    }
  }

  private recordDeadUnits(rows: number): void {
    const layers = this.stepper.layers;
    for (let l = 0; l < layers.length; l++) {
      if (layers[l].activation === 'relu') this.deadFractions[l] = deadUnitFraction(layers[l], rows);
    }
  }
}
