/**
 * The networks the step-through offers: the lecture's energy example (read from the bundled
 * model file) and small shapes with reproducible starting weights the student can edit.
 */
import energyModelJson from '../../../../resources/examples/energy.model.json';
import { readModel } from '../../../shared/model/read';
import { mulberry32 } from '../../../shared/nn/rng';
import { parameterCount } from '../../../shared/nn/network';
import type { NetworkSpec } from '../../../shared/nn/spec';
import type { StepThroughInput } from './stepThrough';

export const STEP_SHAPES = ['2-2-1', '2-2-2', '2-3-1'] as const;
export type StepShape = (typeof STEP_SHAPES)[number];
export type StepActivation = 'sigmoid' | 'tanh' | 'relu' | 'linear';

/** The lecture's example: 2-2-1 sigmoid, x = (0.4, 0.5), y = 0.27, η = 0.01. */
export function energyExample(): StepThroughInput {
  const model = readModel(energyModelJson);
  return { spec: model.spec, params: Array.from(model.params), input: [0.4, 0.5], target: [0.27], lr: 0.01 };
}

export function shapeSpec(shape: StepShape, hidden: StepActivation, output: StepActivation): NetworkSpec {
  const [inputs, units, outputs] = shape.split('-').map(Number);
  return { inputs, layers: [{ units, activation: hidden }, { units: outputs, activation: output }], loss: 'mse-half' };
}

/** Starting weights in [−0.5, 0.5] rounded to two decimals, so they are easy to read and retype; seeded, so the same every time. */
export function readableWeights(spec: NetworkSpec, seed = 7): number[] {
  const rng = mulberry32(seed);
  return Array.from({ length: parameterCount(spec) }, () => Math.round((rng() - 0.5) * 100) / 100);
}

/** An example for a shape: the energy example's input, a target per output. */
export function shapeExample(shape: StepShape, hidden: StepActivation, output: StepActivation): StepThroughInput {
  const spec = shapeSpec(shape, hidden, output);
  const outputs = spec.layers[1].units;
  return { spec, params: readableWeights(spec), input: [0.4, 0.5], target: outputs === 1 ? [0.27] : [0.27, 0.8], lr: 0.5 };
}
