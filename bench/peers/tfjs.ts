/**
 * The same tasks on TensorFlow.js (cpu or wasm backend): the same data in the same order,
 * the same initial parameters (ours, loaded into tf variables), plain SGD with the same
 * learning rate and batches. TensorFlow.js computes in float32, so its losses agree with
 * the float64 check values only to a few digits.
 */
import type * as TF from '@tensorflow/tfjs';
import type { Dataset } from '../../src/shared/data';
import type { Network } from '../../src/shared/nn';
import type { TrainSpec } from '../../src/shared/training';
import type { TaskResult } from '../ours';
import { gridCoordinate, T4_GRID } from '../tasks';

export type TfBackend = 'cpu' | 'wasm';
type Tf = typeof TF;

/** Loads TensorFlow.js with the backend selected; its Node greeting goes to stderr, never stdout. */
export async function loadTf(backend: TfBackend): Promise<Tf> {
  const tf = await import('@tensorflow/tfjs');
  if (backend === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  if (!(await tf.setBackend(backend))) throw new Error(`TensorFlow.js backend '${backend}' did not initialize`);
  await tf.ready();
  return tf;
}

interface TfLayer { W: TF.Variable; b: TF.Variable; activation: string }

/** tf variables holding a copy of our network's parameters, layer by layer, W as [fanIn][fanOut]. */
function variablesFrom(tf: Tf, net: Network): TfLayer[] {
  return net.layers.map((layer) => ({
    W: tf.variable(tf.tensor2d(Float32Array.from(layer.W), [layer.fanIn, layer.fanOut])),
    b: tf.variable(tf.tensor1d(Float32Array.from(layer.b))),
    activation: layer.activation,
  }));
}

/** Forward to the output layer's pre-activation z (the logits): the losses below take z. */
function logits(tf: Tf, layers: { W: TF.Tensor; b: TF.Tensor; activation: string }[], x: TF.Tensor): TF.Tensor2D {
  let h = x as TF.Tensor2D;
  layers.forEach((layer, l) => {
    const z = tf.add(tf.matMul(h, layer.W as TF.Tensor2D), layer.b) as TF.Tensor2D;
    h = l === layers.length - 1 ? z : activate(tf, layer.activation, z);
  });
  return h;
}

function activate(tf: Tf, activation: string, z: TF.Tensor2D): TF.Tensor2D {
  switch (activation) {
    case 'tanh': return tf.tanh(z);
    case 'relu': return tf.relu(z);
    case 'sigmoid': return tf.sigmoid(z);
    default: throw new Error(`bench: no TensorFlow.js mapping for activation ${activation}`);
  }
}

/** The task's mean loss from the logits: bce as sigmoid cross-entropy, softmax-ce, or mse of the sigmoid. */
function lossFromLogits(tf: Tf, loss: TrainSpec['loss'], z: TF.Tensor2D, y: TF.Tensor2D): TF.Scalar {
  switch (loss) {
    case 'bce': return tf.losses.sigmoidCrossEntropy(y, z) as TF.Scalar;
    case 'softmax-ce': return tf.losses.softmaxCrossEntropy(y, z) as TF.Scalar;
    case 'mse': return tf.losses.meanSquaredError(y, tf.sigmoid(z)) as TF.Scalar;
    default: throw new Error(`bench: no TensorFlow.js mapping for loss ${loss}`);
  }
}

function accuracy(loss: TrainSpec['loss'], z: Float32Array, y: Float64Array, n: number, k: number): number | null {
  if (loss === 'mse') return null;
  let correct = 0;
  for (let r = 0; r < n; r++) {
    if (k === 1) {
      if ((z[r] >= 0) === (y[r] >= 0.5)) correct++;
      continue;
    }
    let best = 0;
    let bestT = 0;
    for (let c = 1; c < k; c++) {
      if (z[r * k + c] > z[r * k + best]) best = c;
      if (y[r * k + c] > y[r * k + bestT]) bestT = c;
    }
    if (best === bestT) correct++;
  }
  return correct / n;
}

/** Trains like trainOurs: batches are cut before the clock starts; the clock stops after the weights are read back. */
export async function trainTf(tf: Tf, spec: TrainSpec, data: Dataset, net: Network, work: number): Promise<TaskResult> {
  const { n } = data.train;
  const layers = variablesFrom(tf, net);
  const x = tf.tensor2d(Float32Array.from(data.train.x), [n, data.inputDim]);
  const y = tf.tensor2d(Float32Array.from(data.train.y), [n, data.outputDim]);
  const batchSize = spec.batchSize === 0 || spec.batchSize >= n ? n : spec.batchSize;
  const batches: [TF.Tensor2D, TF.Tensor2D][] = [];
  for (let start = 0; start < n; start += batchSize) {
    const rows = Math.min(batchSize, n - start);
    batches.push([x.slice([start, 0], [rows, data.inputDim]), y.slice([start, 0], [rows, data.outputDim])]);
  }
  const optimizer = tf.train.sgd(spec.learningRate);
  const evaluate = () => tf.tidy(() => {
    const z = logits(tf, layers, x);
    return { loss: lossFromLogits(tf, spec.loss, z, y).dataSync()[0], z: z.dataSync() as Float32Array };
  });
  const initialLoss = evaluate().loss;

  const start = performance.now();
  for (let epoch = 0; epoch < spec.epochs; epoch++) {
    for (const [bx, by] of batches) optimizer.minimize(() => lossFromLogits(tf, spec.loss, logits(tf, layers, bx), by));
  }
  await layers[0].W.data();
  const seconds = (performance.now() - start) / 1000;

  const final = evaluate();
  const acc = accuracy(spec.loss, final.z, data.train.y, n, data.outputDim);
  optimizer.dispose();
  tf.dispose([x, y, ...batches.flat(), ...layers.flatMap((l) => [l.W, l.b])]);
  return { throughput: work / seconds, seconds, loss: final.loss, acc, extra: { initialLoss } };
}

/** T4 on TensorFlow.js: theta + a*d1 + b*d2 formed with tf ops at each point, then the full-data forward and loss. */
export async function landscapeTf(tf: Tf, spec: TrainSpec, data: Dataset, net: Network, d1: Float64Array, d2: Float64Array): Promise<TaskResult> {
  const { n } = data.train;
  const x = tf.tensor2d(Float32Array.from(data.train.x), [n, data.inputDim]);
  const y = tf.tensor2d(Float32Array.from(data.train.y), [n, data.outputDim]);
  const theta = tf.tensor1d(Float32Array.from(net.params));
  const dir1 = tf.tensor1d(Float32Array.from(d1));
  const dir2 = tf.tensor1d(Float32Array.from(d2));
  const side = T4_GRID.steps + 1;
  const start = performance.now();
  const losses: TF.Scalar[] = [];
  for (let i = 0; i < side; i++) {
    for (let j = 0; j < side; j++) {
      losses.push(tf.tidy(() => {
        const p = theta.add(dir1.mul(gridCoordinate(i))).add(dir2.mul(gridCoordinate(j)));
        const layers = net.layers.map((layer) => ({
          W: p.slice(layer.weightOffset, layer.fanIn * layer.fanOut).reshape([layer.fanIn, layer.fanOut]),
          b: p.slice(layer.biasOffset, layer.fanOut),
          activation: layer.activation,
        }));
        return lossFromLogits(tf, spec.loss, logits(tf, layers, x), y);
      }));
    }
  }
  const stacked = tf.stack(losses);
  const values = (await stacked.data()) as Float32Array;
  const seconds = (performance.now() - start) / 1000;
  tf.dispose([x, y, theta, dir1, dir2, stacked, ...losses]);
  let sum = 0;
  let argmin = 0;
  values.forEach((v, k) => { sum += v; if (v < values[argmin]) argmin = k; });
  const centre = values[(values.length - 1) / 2];
  return { throughput: values.length / seconds, seconds, loss: centre, acc: null, extra: { sum, min: values[argmin], argmin, centre } };
}
