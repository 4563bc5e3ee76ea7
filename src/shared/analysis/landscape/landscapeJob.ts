/**
 * One stored landscape, computed: what the landscape worker runs. Main gathers the parameter
 * vectors from the run's checkpoints (workers never read the database), the worker builds the
 * run's dataset from its spec and calls computeLandscape. Pure, so tests call it directly.
 */
import type { Dataset } from '../../data/spec';
import { Network } from '../../nn/network';
import { networkSpecOf, type TrainSpec } from '../../training/trainSpec';
import type { JobControl } from '../control';
import { randomDirections } from './directions';
import { interpolationLine, lossLine, lossSurface, type Interval } from './landscape';
import type { LandscapeSettings } from './landscapeSettings';
import { trajectoryPlane } from './trajectory';

export interface LandscapeJobRequest {
  /** The run's spec: its network and dataset. */
  spec: TrainSpec;
  settings: LandscapeSettings;
  /** The centre: the run's final (latest checkpoint) parameters. */
  final: Float64Array;
  /** interpolation initToFinal: the run's first checkpoint. */
  initial?: Float64Array;
  /** interpolation runToRun: the other run's final parameters. */
  other?: Float64Array;
  /** pathPlane: the run's checkpoints in step order (the last one is `final`). */
  path?: { params: Float64Array[]; steps: number[]; epochs: number[] };
}

export interface LandscapePath {
  /** Per checkpoint i: its coordinates in the plane at [2i], [2i + 1]; the final parameters are at (0, 0). */
  coordinates: Float64Array;
  steps: number[];
  epochs: number[];
  /** The loss at each checkpoint's own parameters (off the plane, so not always the surface's value there). */
  loss: Float64Array;
  explainedVarianceRatio: [number, number];
  /** The path is a line: the plane's second axis is an arbitrary direction orthogonal to it (its ratio is 0). */
  pathIsLine: boolean;
}

export interface LandscapeJobResult {
  dimensions: 1 | 2;
  /** Coefficients of the first axis (grid rows). */
  alphas: Float64Array;
  /** Coefficients of the second axis (grid columns); null for a 1-D curve. */
  betas: Float64Array | null;
  /** Row-major: loss[i * betas.length + j]; a 1-D curve has one value per alpha. */
  loss: Float64Array;
  /** Same layout; null when the loss is not a classification loss. */
  accuracy: Float64Array | null;
  /** L(final parameters) on the chosen split, evaluated directly: the grid's centre must equal it. */
  centerLoss: number;
  centerAccuracy: number | null;
  /** interpolation: the loss at a = 0 and a = 1. */
  endpointLoss: [number, number] | null;
  path: LandscapePath | null;
  /** Examples the loss was averaged over. */
  rows: number;
  /** Wall-clock milliseconds of the computation (the dataset already built). */
  durationMs: number;
}

const isClassification = (spec: TrainSpec): boolean => spec.loss === 'bce' || spec.loss === 'softmax-ce';

export function computeLandscape(request: LandscapeJobRequest, data: Dataset, control?: JobControl): LandscapeJobResult {
  const started = Date.now();
  const result = compute(request, data, control);
  return { ...result, durationMs: Date.now() - started };
}

function compute(request: LandscapeJobRequest, data: Dataset, control?: JobControl): Omit<LandscapeJobResult, 'durationMs'> {
  const { spec, settings, final } = request;
  // with image layers the network needs its input shape and conv layers (networkSpecOf); each point then runs a full forward pass (planeEvaluator.ts)
  const net = new Network(networkSpecOf(spec, data.inputDim));
  if (final.length !== net.params.length) {
    throw new Error(`the run's parameters have ${final.length} values but its network (${data.inputDim} inputs) needs ${net.params.length}`);
  }
  net.setParams(final);
  const split = settings.split === 'test' ? data.test : data.train;
  if (split.n === 0) throw new Error(`the ${settings.split} split of this dataset is empty: choose the other split`);
  const rows = Math.min(settings.maxRows ?? split.n, split.n);
  const classification = isClassification(spec);
  const evaluation = { classification, rows };
  const range: Interval = settings.range;
  const directionOptions = { seed: settings.seed, normalization: settings.normalization, includeBiases: settings.includeBiases };
  const center = net.evaluate(split.x, split.y, rows, classification);
  const base = {
    centerLoss: center.loss, centerAccuracy: center.accuracy, endpointLoss: null, path: null, rows,
  };

  switch (settings.mode) {
    case 'surface': {
      const [d1, d2] = randomDirections(net, 2, directionOptions, final);
      const surface = lossSurface(net, split, { ...evaluation, theta: final, d1, d2, resolution: settings.resolution, alphaRange: range }, control);
      return { ...base, dimensions: 2, ...surface };
    }
    case 'pathPlane': {
      const path = request.path;
      if (!path || path.params.length < 3) {
        throw new Error(`a path plane needs at least 3 checkpoints; this run has ${path?.params.length ?? 0}. Train it longer or with checkpoints every few epochs`);
      }
      const plane = trajectoryPlane(path.params, final, { margin: settings.pathMargin });
      const surface = lossSurface(net, split, {
        ...evaluation, theta: final, d1: plane.d1, d2: plane.d2, resolution: settings.resolution,
        alphaRange: plane.alphaRange, betaRange: plane.betaRange,
      }, control);
      const pathLoss = Float64Array.from(path.params, (params) => {
        net.setParams(params);
        return net.loss(split.x, split.y, rows);
      });
      return {
        ...base, dimensions: 2, ...surface,
        path: {
          coordinates: plane.coordinates, steps: path.steps, epochs: path.epochs, loss: pathLoss,
          explainedVarianceRatio: plane.explainedVarianceRatio, pathIsLine: plane.pathIsLine,
        },
      };
    }
    case 'line': {
      const [direction] = randomDirections(net, 1, directionOptions, final);
      const curve = lossLine(net, split, { ...evaluation, theta: final, direction, range, resolution: settings.resolution }, control);
      return { ...base, dimensions: 1, ...curve, betas: null };
    }
    case 'interpolation': {
      const [from, to] = settings.endpoints === 'runToRun' ? [final, request.other] : [request.initial, final];
      if (!from || !to) throw new Error(settings.endpoints === 'runToRun' ? 'the second run has no parameters to interpolate to' : 'the run has no initial checkpoint');
      if (from.length !== to.length) {
        throw new Error(`the two runs have different networks (${from.length} and ${to.length} parameters): interpolation needs the same architecture`);
      }
      const curve = interpolationLine(net, split, { ...evaluation, from, to, range, resolution: settings.resolution }, control);
      net.setParams(from);
      const fromLoss = net.loss(split.x, split.y, rows);
      net.setParams(to);
      const toLoss = net.loss(split.x, split.y, rows);
      return { ...base, dimensions: 1, ...curve, betas: null, endpointLoss: [fromLoss, toLoss] };
    }
  }
}
