/**
 * Every intermediate number of one backpropagation step on one example, as plain nested
 * arrays (JSON-ready) in the lecture's orientation: weights[i][j] from unit i below to unit j.
 * The UI and the CLI show the algorithm step by step from this.
 */
import { Network } from './network';
import type { LossName, NetworkSpec } from './spec';

export interface TraceLayer {
  activation: string;
  /** z_j = sum_i a_i w_ij + b_j */
  z: number[];
  /** a_j = f(z_j) */
  a: number[];
  /** delta_j = dL/dz_j */
  delta: number[];
  weights: number[][];
  bias: number[];
  /** dL/dw_ij = a_i delta_j */
  gradWeights: number[][];
  /** dL/db_j = delta_j */
  gradBias: number[];
  /** w_ij - eta dL/dw_ij */
  newWeights: number[][];
  /** b_j - eta dL/db_j, or b_j when biases are frozen */
  newBias: number[];
}

export interface Trace {
  input: number[];
  target: number[];
  output: number[];
  loss: number;
  /** Loss on the same example after the update. */
  lossAfter: number;
  layers: TraceLayer[];
}

export interface TraceOptions {
  /** eta, the learning rate of the one update. */
  lr: number;
  freezeBias?: boolean;
  /** Use this loss instead of the network's own. */
  loss?: LossName;
}

/** Why a network with image layers is not traced: its numbers are maps, not the lecture's lists of units. */
export const TRACE_IMAGE_LAYERS = 'this network has conv or pooling layers; the step-by-step trace shows dense layers only, unit by unit';

/** Anything with a network shape and a flat parameter vector: a Network or a read model file. */
export interface ParametrizedSpec { spec: NetworkSpec; params: ArrayLike<number> }

function matrix(flat: ArrayLike<number>, offset: number, rows: number, cols: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < rows; i++) {
    const row: number[] = [];
    for (let j = 0; j < cols; j++) row.push(flat[offset + i * cols + j]);
    out.push(row);
  }
  return out;
}

/** One SGD step on one example, traced. The source network is not changed. */
export function trace(source: Network | ParametrizedSpec, input: ArrayLike<number>, target: ArrayLike<number>, options: TraceOptions): Trace {
  const spec: NetworkSpec = { ...source.spec, loss: options.loss ?? source.spec.loss };
  if (spec.imageLayers?.length) throw new Error(TRACE_IMAGE_LAYERS);
  const net = new Network(spec, Float64Array.from(source.params));
  if (input.length !== spec.inputs) throw new Error(`input: expected ${spec.inputs} values, got ${input.length}`);
  if (target.length !== net.outputs) throw new Error(`target: expected ${net.outputs} values, got ${target.length}`);
  const x = Float64Array.from(input);
  const y = Float64Array.from(target);
  const loss = net.lossAndGradient(x, y, 1);
  const before = net.params.slice();
  const after = net.params;
  const freezeBias = options.freezeBias ?? false;
  const layers: TraceLayer[] = net.layers.map((layer) => {
    for (let k = 0; k < layer.W.length; k++) layer.W[k] -= options.lr * layer.gradWeights[k];
    if (!freezeBias) for (let j = 0; j < layer.fanOut; j++) layer.b[j] -= options.lr * layer.gradBias[j];
    return {
      activation: layer.activation,
      z: Array.from(layer.z.subarray(0, layer.fanOut)),
      a: Array.from(layer.a.subarray(0, layer.fanOut)),
      delta: Array.from(layer.delta.subarray(0, layer.fanOut)),
      weights: matrix(before, layer.weightOffset, layer.fanIn, layer.fanOut),
      bias: Array.from(before.subarray(layer.biasOffset, layer.biasOffset + layer.fanOut)),
      gradWeights: matrix(layer.gradWeights, 0, layer.fanIn, layer.fanOut),
      gradBias: Array.from(layer.gradBias),
      newWeights: matrix(after, layer.weightOffset, layer.fanIn, layer.fanOut),
      newBias: Array.from(layer.b),
    };
  });
  const output = layers[layers.length - 1].a;
  const lossAfter = net.loss(x, y, 1);
  return { input: Array.from(x), target: Array.from(y), output, loss, lossAfter, layers };
}
