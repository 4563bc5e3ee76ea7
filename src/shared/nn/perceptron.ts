/**
 * Rosenblatt's perceptron learning rule for one step unit y = (w . x + b >= 0 ? 1 : 0):
 * after each example, w += eta (t - y) x and b += eta (t - y). It converges when the classes
 * are linearly separable (the perceptron convergence theorem); otherwise it never settles, so
 * it stops at its epoch budget. Seeing the weights of an earlier epoch return proves the rule
 * cycles forever, hence that no line (hyperplane) separates the classes.
 */

export interface PerceptronOptions {
  eta?: number;
  maxEpochs?: number;
  initialWeights?: number[];
  initialBias?: number;
}

/** The weights at the end of an epoch (epoch 0: the initial weights) and that epoch's mistakes. */
export interface PerceptronEpoch { epoch: number; weights: number[]; bias: number; errors: number }

export interface PerceptronResult {
  converged: boolean;
  /** Epochs run; when converged, the last one made no mistake. */
  epochs: number;
  weights: number[];
  bias: number;
  history: PerceptronEpoch[];
  reason?: string;
}

const SAME_STATE_TOLERANCE = 1e-9;

function sameState(a: PerceptronEpoch, weights: number[], bias: number): boolean {
  if (Math.abs(a.bias - bias) > SAME_STATE_TOLERANCE) return false;
  return a.weights.every((w, i) => Math.abs(w - weights[i]) <= SAME_STATE_TOLERANCE);
}

export function stepUnit(weights: ArrayLike<number>, bias: number, x: ArrayLike<number>): number {
  let z = bias;
  for (let i = 0; i < weights.length; i++) z += weights[i] * x[i];
  return z >= 0 ? 1 : 0;
}

export function trainPerceptron(inputs: number[][], targets: number[], options: PerceptronOptions = {}): PerceptronResult {
  if (inputs.length === 0 || inputs.length !== targets.length) {
    throw new Error(`inputs and targets: expected the same, non-zero number of rows, got ${inputs.length} and ${targets.length}`);
  }
  const dim = inputs[0].length;
  const eta = options.eta ?? 1;
  const maxEpochs = options.maxEpochs ?? 100;
  const weights = options.initialWeights ? [...options.initialWeights] : new Array<number>(dim).fill(0);
  let bias = options.initialBias ?? 0;
  if (weights.length !== dim) throw new Error(`initialWeights: expected ${dim} values, got ${weights.length}`);
  const history: PerceptronEpoch[] = [{ epoch: 0, weights: [...weights], bias, errors: NaN }];
  let cycle: { from: number; to: number } | null = null;
  for (let epoch = 1; epoch <= maxEpochs; epoch++) {
    let errors = 0;
    inputs.forEach((x, r) => {
      const error = targets[r] - stepUnit(weights, bias, x);
      if (error === 0) return;
      errors++;
      for (let i = 0; i < dim; i++) weights[i] += eta * error * x[i];
      bias += eta * error;
    });
    if (errors > 0 && cycle === null) {
      const seen = history.find((h) => sameState(h, weights, bias));
      if (seen) cycle = { from: seen.epoch, to: epoch };
    }
    history.push({ epoch, weights: [...weights], bias, errors });
    if (errors === 0) return { converged: true, epochs: epoch, weights, bias, history };
  }
  const reason = cycle !== null
    ? `not linearly separable: no line separates the classes; the weights after epoch ${cycle.to} equal those after epoch ${cycle.from}, so the rule cycles forever (stopped at ${maxEpochs} epochs)`
    : `not converged within ${maxEpochs} epochs: the classes may not be linearly separable, or need more epochs`;
  return { converged: false, epochs: maxEpochs, weights, bias, history, reason };
}
