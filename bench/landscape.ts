/**
 * A loss landscape slice: L(theta + a*d1 + b*d2) over a square grid, forward only, on the
 * engine's Network: the parameters are written straight into its flat vector, and a
 * dedicated full-batch forward (whole layers at once, four rows per pass over W, buffers
 * allocated once, tanh without a call into C++) computes the outputs; the engine's meanLoss gives the loss.
 */
import type { Split } from '../src/shared/data';
import { applyActivation, meanLoss, type Network } from '../src/shared/nn';
import { tanhInPlace } from '../src/shared/nn/fastTanh';

export class FullBatchForward {
  private readonly z: Float64Array[];
  private readonly a: Float64Array[];

  constructor(private readonly net: Network, private readonly data: Split) {
    this.z = net.layers.map((layer) => new Float64Array(data.n * layer.fanOut));
    this.a = net.layers.map((layer) => new Float64Array(data.n * layer.fanOut));
  }

  /** Mean loss over the whole split at the network's current parameters. */
  loss(): number {
    const { net, data } = this;
    const rows = data.n;
    let input = data.x;
    for (let l = 0; l < net.layers.length; l++) {
      const { fanIn, fanOut, W, b, activation } = net.layers[l];
      const z = this.z[l];
      const a = this.a[l];
      denseRows(input, rows, fanIn, fanOut, W, b, z);
      // bce and softmax-ce are computed from the output logits z (losses.ts), so their output activation is never read
      if (l === net.layers.length - 1 && (net.spec.loss === 'bce' || net.spec.loss === 'softmax-ce')) break;
      if (activation === 'tanh') tanhInPlace(z, a, rows * fanOut);
      else applyActivation(activation, z, a, rows, fanOut);
      input = a;
    }
    const last = net.layers.length - 1;
    return meanLoss(net.spec.loss, this.z[last], this.a[last], data.y, 0, rows, net.layers[last].fanOut);
  }
}

/**
 * z = input W + b for `rows` rows. Four rows at a time share each load of w_ij and the loop
 * control, which halves the time of these short (2- and 8-long) dot products; every z_j is
 * still summed over i in order, so the result is bit-identical to one row at a time.
 */
function denseRows(input: Float64Array, rows: number, fanIn: number, fanOut: number, W: Float64Array, b: Float64Array, z: Float64Array): void {
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const i0 = r * fanIn;
    const i1 = i0 + fanIn;
    const i2 = i1 + fanIn;
    const i3 = i2 + fanIn;
    const z0 = r * fanOut;
    for (let j = 0; j < fanOut; j++) {
      const bj = b[j];
      let s0 = bj;
      let s1 = bj;
      let s2 = bj;
      let s3 = bj;
      for (let i = 0, w = j; i < fanIn; i++, w += fanOut) {
        const wij = W[w];
        s0 += input[i0 + i] * wij;
        s1 += input[i1 + i] * wij;
        s2 += input[i2 + i] * wij;
        s3 += input[i3 + i] * wij;
      }
      z[z0 + j] = s0;
      z[z0 + fanOut + j] = s1;
      z[z0 + 2 * fanOut + j] = s2;
      z[z0 + 3 * fanOut + j] = s3;
    }
  }
  for (; r < rows; r++) {
    const io = r * fanIn;
    const zo = r * fanOut;
    for (let j = 0; j < fanOut; j++) {
      let s = b[j];
      for (let i = 0, w = j; i < fanIn; i++, w += fanOut) s += input[io + i] * W[w];
      z[zo + j] = s;
    }
  }
}

/** Losses at a_i = -1 + 2i/steps (outer) and b_j likewise (inner), row-major, (steps + 1)^2 values. */
export function gridLosses(net: Network, data: Split, theta: Float64Array, d1: Float64Array, d2: Float64Array, steps: number): Float64Array {
  const side = steps + 1;
  const losses = new Float64Array(side * side);
  const params = net.params;
  const forward = new FullBatchForward(net, data);
  for (let i = 0; i < side; i++) {
    const a = -1 + (2 * i) / steps;
    for (let j = 0; j < side; j++) {
      const b = -1 + (2 * j) / steps;
      for (let k = 0; k < params.length; k++) params[k] = theta[k] + a * d1[k] + b * d2[k];
      losses[i * side + j] = forward.loss();
    }
  }
  params.set(theta);
  return losses;
}
