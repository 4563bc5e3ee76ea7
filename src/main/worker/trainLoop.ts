/**
 * The training loop, one for every run: the training worker drives it and posts its messages to
 * main (TrainJob stores them), the CLI's `train` drives it in its own process and stores the
 * same messages directly (both through services/training/runWriter.ts). It trains at full speed
 * in short chunks and returns to the event loop between chunks, so pause, step, stop and
 * learning-rate commands (and the CLI's Ctrl-C) arrive within a chunk. A run may start paused
 * at its initialization and be paced at a number of steps per second (RunPace): the loop then
 * waits between steps on a timer a command cuts short, so the worker, not the renderer, sets
 * the speed, and every step is still one optimizer update recorded as usual.
 * Progress is flushed about ten times a second; the parameters are checkpointed at the first
 * and last step and as CheckpointPlan says in between, within its byte budget.
 */
import { METRIC, layerMetric } from '../../shared/api/dto';
import type { StepReport, Trainer } from '../../shared/training/trainer';
import type { TrainSpec } from '../../shared/training/trainSpec';
import { Network } from '../../shared/nn/network';
import { HISTOGRAM_SAMPLE_ROWS, layerHistograms, type LayerHistograms } from '../../shared/tracking/histograms';
import type { RunPace } from '../../shared/training/pace';
import type { StepUnit, TrainCommand, TrainWorkerMessage } from '../../shared/worker-protocol';
import { MetricRecorder, transferablesOf } from './metricRecorder';
import { CheckpointPlan } from './checkpointPlan';
import { EvaluationClock, evaluationDue, planRecording, type RecordingPlan } from './recordingPlan';
import { StepThrottle } from './stepThrottle';

const CHUNK_MS = 40;
const FLUSH_MS = 100;
/** Larger networks (MNIST MLPs) are not streamed live: 100k numbers ten times a second would swamp the UI. */
export const MAX_LIVE_PARAMS = 20_000;

export type Post = (message: TrainWorkerMessage, transfer?: ArrayBuffer[]) => void;

type Outcome = Extract<TrainWorkerMessage, { type: 'done' }>['outcome'];

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class TrainLoop {
  private readonly recorder = new MetricRecorder();
  private readonly plan: RecordingPlan;
  private readonly checkpoints: CheckpointPlan;
  private paused: boolean;
  private readonly throttle: StepThrottle;
  private pauseAnnounced = false;
  /** The step of the last progress message, so a paced loop flushes each new step before it waits. */
  private flushedStep = -1;
  private evaluatedStep = -1;
  private stopRequested = false;
  private stepRequest: StepUnit | null = null;
  private wake: (() => void) | null = null;
  private lastFlush = 0;
  private lastBatchLoss = NaN;
  private readonly evalClock = new EvaluationClock(Date.now());
  private histogramNet: Network | null = null;

  constructor(
    private readonly trainer: Trainer, private readonly spec: TrainSpec, private readonly post: Post,
    pace: RunPace = { startPaused: false, stepsPerSecond: null },
  ) {
    this.paused = pace.startPaused;
    this.throttle = new StepThrottle(pace.stepsPerSecond);
    this.plan = planRecording(spec.epochs, trainer.batchesPerEpoch);
    this.checkpoints = new CheckpointPlan(spec.checkpointEvery, spec.epochs * trainer.batchesPerEpoch, trainer.net.params.length, trainer.batchesPerEpoch);
  }

  handle(command: TrainCommand): void {
    switch (command.type) {
      case 'pause': this.paused = true; break;
      case 'resume':
        if (this.paused) {
          this.paused = false;
          this.pauseAnnounced = false;
          this.stepRequest = null;
          this.post({ type: 'resumed', step: this.trainer.step, epoch: this.trainer.epoch });
        }
        break;
      case 'step': this.paused = true; this.stepRequest = command.unit; break;
      case 'stop': this.stopRequested = true; break;
      case 'setLearningRate':
        this.trainer.setLearningRate(command.value);
        this.record(METRIC.learningRate, this.trainer.learningRate);
        break;
      case 'setRegularization': this.trainer.setRegularization(command.regularization); break;
      case 'setSpeed': this.throttle.setRate(command.stepsPerSecond, Date.now()); break;
      case 'setParams':
        this.trainer.setParams(command.params);
        // the edited network's losses and parameters go out at once: the user is waiting to see them
        this.evaluate();
        this.flush();
        break;
    }
    this.wake?.();
  }

  async run(): Promise<void> {
    this.checkpoint();
    this.evaluate();
    this.flush();
    for (;;) {
      if (this.stopRequested) return this.finish('stopped');
      if (this.paused && this.stepRequest === null) {
        if (!this.pauseAnnounced) {
          // a paused run shows the losses of the step it stands at, whatever the recording plan skipped
          if (this.evaluatedStep !== this.trainer.step) this.evaluate();
          this.flush();
          this.post({ type: 'paused', step: this.trainer.step, epoch: this.trainer.epoch });
          this.pauseAnnounced = true;
        }
        await this.sleep(null);
        continue;
      }
      const wait = this.stepRequest === null ? this.throttle.waitMs(Date.now()) : 0;
      if (wait > 0) {
        // paced: the step just taken is shown now rather than after the wait
        if (this.trainer.step !== this.flushedStep && Date.now() - this.lastFlush + wait >= FLUSH_MS) this.flush();
        await this.sleep(wait);
        continue;
      }
      const outcome = this.trainChunk();
      if (outcome) return this.finish(outcome);
      if (Date.now() - this.lastFlush >= FLUSH_MS) this.flush();
      await nextTurn();
    }
  }

  /** Until a command arrives (wake) or, given a time, until it has passed. */
  private async sleep(ms: number | null): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await new Promise<void>((resolve) => {
      this.wake = resolve;
      if (ms !== null) timer = setTimeout(resolve, ms);
    });
    clearTimeout(timer);
    this.wake = null;
  }

  /** Trains until the chunk's time is up, the pace says wait, a step request is met, or the run ends. */
  private trainChunk(): Outcome | null {
    const until = Date.now() + CHUNK_MS;
    do {
      // a requested step runs at once, whatever the pace: the user is waiting for it
      if (this.stepRequest === null && this.throttle.waitMs(Date.now()) > 0) return null;
      this.throttle.stepped(Date.now());
      const report = this.trainer.trainBatch();
      this.lastBatchLoss = report.batchLoss;
      this.afterBatch(report);
      if (report.diverged) return 'diverged';
      if (this.trainer.done) return 'completed';
      if (this.stepRequest === 'batch' || (this.stepRequest === 'epoch' && report.epochDone)) {
        this.stepRequest = null;
        this.pauseAnnounced = false;
        return null;
      }
    } while (Date.now() < until);
    return null;
  }

  private afterBatch(report: StepReport): void {
    const { plan, trainer } = this;
    if (report.step % plan.batchLossEvery === 0 || report.epochDone) this.record(METRIC.batchLoss, report.batchLoss);
    if (report.diverged) return;
    if (evaluationDue(plan, this.evalClock, report, Date.now()) || (report.epochDone && trainer.done)) this.evaluate();
    if (!trainer.done && this.checkpoints.due(report)) this.checkpoint();
  }

  private evaluate(): void {
    const { trainer } = this;
    const started = Date.now();
    this.evaluatedStep = trainer.step;
    const train = trainer.evaluate('train');
    const test = trainer.evaluate('test');
    this.record(METRIC.trainLoss, train.loss);
    if (train.accuracy !== null) this.record(METRIC.trainAcc, train.accuracy);
    this.record(METRIC.testLoss, test.loss);
    if (test.accuracy !== null) this.record(METRIC.testAcc, test.accuracy);
    this.record(METRIC.learningRate, trainer.learningRate);
    const now = Date.now();
    this.evalClock.evaluated(now, now - started);
    // before the first step there are no gradients yet
    if (trainer.step === 0) return;
    trainer.diagnostics().forEach((d, l) => {
      this.record(layerMetric(METRIC.gradNorm, l + 1), d.gradNorm);
      this.record(layerMetric(METRIC.weightNorm, l + 1), d.weightNorm);
      if (d.deadFraction !== null) this.record(layerMetric(METRIC.deadRelu, l + 1), d.deadFraction);
    });
  }

  private record(name: string, value: number): void {
    const { step, batchesPerEpoch } = this.trainer;
    this.recorder.record(name, step, step / batchesPerEpoch, value);
  }

  private flush(): void {
    this.lastFlush = Date.now();
    this.flushedStep = this.trainer.step;
    const metrics = this.recorder.take();
    const transfer = transferablesOf(metrics);
    const live = this.trainer.net.params.length <= MAX_LIVE_PARAMS ? this.trainer.net.params.slice() : undefined;
    if (live) transfer.push(live.buffer as ArrayBuffer);
    this.post({ type: 'progress', step: this.trainer.step, epoch: this.trainer.epoch, metrics, params: live }, transfer);
  }

  private checkpoint(): void {
    const params = this.trainer.net.params.slice();
    this.post({ type: 'checkpoint', step: this.trainer.step, epoch: this.trainer.epoch, params, histograms: this.histograms() }, [params.buffer as ArrayBuffer]);
  }

  /**
   * The checkpoint's histograms on the training data's first rows, on a network of their own (the
   * trainer's buffers and gradient stay as they are), made once and given the parameters at each
   * checkpoint. A failure costs the histograms, never the run.
   */
  private histograms(): LayerHistograms[] | null {
    try {
      const sample = this.trainer.trainingRows(HISTOGRAM_SAMPLE_ROWS);
      this.histogramNet ??= new Network(this.trainer.net.spec);
      this.histogramNet.setParams(this.trainer.net.params);
      return layerHistograms(this.histogramNet, sample.x, sample.y, sample.rows);
    } catch {
      return null;
    }
  }

  private finish(outcome: Outcome): void {
    const { trainer } = this;
    let error: string | null = null;
    if (outcome === 'diverged') {
      error = divergenceMessage(trainer.divergedAt ?? trainer.step, this.lastBatchLoss);
      this.flush();
    } else {
      this.flush();
      this.checkpoint();
    }
    this.post({ type: 'done', outcome, step: trainer.step, epoch: trainer.epoch, error });
  }
}

/** "loss became NaN at step 12", or Infinity; parameters can overflow while the loss was still finite. */
export function divergenceMessage(step: number, loss: number): string {
  if (Number.isNaN(loss)) return `loss became NaN at step ${step}`;
  if (!Number.isFinite(loss)) return `loss became ${loss > 0 ? 'Infinity' : '-Infinity'} at step ${step}`;
  return `parameters became NaN or Infinity at step ${step}`;
}
