/**
 * The names and shapes every layer of the app agrees on: which activations, losses,
 * optimizers, initializations and schedules exist, and what a training spec holds.
 * One place for each fact: the engine, the model file, the CLI's --spec, the API's
 * runs.start and the renderer's editor all validate with these schemas.
 */
import { z } from 'zod';
import { architectureString, planImageLayers, type ImageShape } from './imageShapes';

export type { ImageShape };

export const ACTIVATIONS = ['step', 'linear', 'sigmoid', 'tanh', 'relu', 'leaky-relu', 'softmax'] as const;
export const ActivationNameSchema = z.enum(ACTIVATIONS);
export type ActivationName = z.infer<typeof ActivationNameSchema>;

/** mse: mean of (y - y_hat)^2; mse-half: the lecture's 1/2 (y - y_hat)^2; bce from a sigmoid output; softmax-ce from a softmax output. */
export const LOSSES = ['mse', 'mse-half', 'bce', 'softmax-ce'] as const;
export const LossNameSchema = z.enum(LOSSES);
export type LossName = z.infer<typeof LossNameSchema>;

/** Sensible limits: large enough for MNIST MLPs, small enough that a typo cannot allocate gigabytes. */
export const MAX_UNITS = 4096;
export const MAX_LAYERS = 32;
export const MAX_INPUTS = 4096;
/**
 * The parameter budget of one network: every door (the Playground's form, runs.start, sweeps,
 * the CLI's --spec, model import) refuses more. 4,000,000 float64 parameters are 32 MB per
 * vector; training holds about six (parameters, gradients, Adam's two moments, the evaluation
 * copy, a checkpoint), under 200 MB per run, and a checkpoint row stays far below SQLite's
 * 1 GB value limit. MNIST MLPs up to 784-1024-1024-10 (1.9 M) fit.
 */
export const MAX_PARAMETERS = 4_000_000;

/**
 * Weights and biases of a network with `inputs` inputs, its image layers (imageShapes.ts) and
 * these dense layers; NaN when the image layers do not fit the input shape (the schema's to report).
 */
export function parameterCount(spec: NetworkShape): number {
  let count = 0;
  let fanIn = spec.inputs;
  if (spec.imageLayers?.length) {
    const plan = planImageLayers(spec.inputShape ?? [1, 1, spec.inputs], spec.imageLayers);
    if ('problem' in plan) return NaN;
    count += plan.parameters;
    fanIn = plan.outputSize;
  }
  for (const layer of spec.layers) {
    count += fanIn * layer.units + layer.units;
    fanIn = layer.units;
  }
  return count;
}

/** The parts of a spec its parameter count depends on. */
export interface NetworkShape {
  inputs: number;
  inputShape?: ImageShape;
  imageLayers?: readonly ImageLayerSpec[];
  layers: readonly { units: number }[];
}

/** Why a network is over MAX_PARAMETERS (its shape, count and the limit), or undefined when it fits. */
export function parameterBudgetProblem(spec: NetworkShape): string | undefined {
  const count = parameterCount(spec);
  if (!(count > MAX_PARAMETERS)) return undefined; // NaN too: a field being typed is the schema's to report
  const shape = architectureString(spec.inputs, spec.imageLayers, spec.layers);
  return `a ${shape} network has ${count.toLocaleString('en-US')} parameters; the limit is ${MAX_PARAMETERS.toLocaleString('en-US')}: use fewer or smaller layers`;
}
/** The largest base learning rate a spec, a live change and the Playground's field accept. */
export const MAX_LEARNING_RATE = 100;
/** Momentum's (and Adam's beta1's) upper bound. */
export const MAX_MOMENTUM = 0.9999;
export const MAX_LAMBDA = 10;
export const MAX_INIT_RANGE = 100;

/** A base learning rate: above 0, at most MAX_LEARNING_RATE (TrainSpec.learningRate and runs.setLearningRate). */
export const LearningRateSchema = z.number().positive().max(MAX_LEARNING_RATE);

export const LayerSpecSchema = z.object({
  units: z.number().int().min(1).max(MAX_UNITS),
  activation: ActivationNameSchema,
});
export type LayerSpec = z.infer<typeof LayerSpecSchema>;

/** Largest kernel side, stride, padding, filter count and image side the image layers accept. */
export const MAX_KERNEL = 64;
export const MAX_FILTERS = 1024;
export const MAX_IMAGE_SIDE = 4096;
const KernelSide = z.number().int().min(1).max(MAX_KERNEL);
/** One number for both sides, or [height, width]. */
const SidePair = z.union([KernelSide, z.tuple([KernelSide, KernelSide])]);
const PadSide = z.number().int().min(0).max(MAX_KERNEL);
/** One number for all four sides, [vertical, horizontal], or ONNX's [top, left, bottom, right]. */
const Padding = z.union([PadSide, z.tuple([PadSide, PadSide]), z.tuple([PadSide, PadSide, PadSide, PadSide])]);
/** Activations of an image layer: every one but softmax, which belongs to the output layer. */
export const ImageActivationSchema = ActivationNameSchema.exclude(['softmax'], {
  error: (issue) => issue.input === 'softmax' ? 'softmax is only allowed on the output layer' : `unknown activation ${JSON.stringify(issue.input)}`,
});
export const IMAGE_ACTIVATIONS = ImageActivationSchema.options;

/**
 * The layers over an image that come before the dense layers (docs/architecture.md, "Layer kinds"):
 * conv2d (filters of kernel height x width, stride, zero padding, its own activation), max and
 * average pooling (no padding; stride defaults to the window), and flatten (only last: the
 * feature maps are already a flat NCHW row, so it only says so). Every field is as ONNX's Conv,
 * MaxPool, AveragePool and Flatten have it.
 */
export const ImageLayerSpecSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('conv'),
    filters: z.number().int().min(1).max(MAX_FILTERS),
    kernel: SidePair,
    stride: SidePair.optional(),
    padding: Padding.optional(),
    activation: ImageActivationSchema,
  }),
  z.object({ kind: z.literal('maxpool'), size: SidePair, stride: SidePair.optional() }),
  z.object({ kind: z.literal('avgpool'), size: SidePair, stride: SidePair.optional() }),
  z.object({ kind: z.literal('flatten') }),
]);
export type ImageLayerSpec = z.infer<typeof ImageLayerSpecSchema>;

/** [channels, height, width] of one image (NCHW without the batch): MNIST is [1, 28, 28]. */
export const ImageShapeSchema = z.tuple([
  z.number().int().min(1).max(MAX_FILTERS),
  z.number().int().min(1).max(MAX_IMAGE_SIDE),
  z.number().int().min(1).max(MAX_IMAGE_SIDE),
]);

/** Problems of image layers on an input shape, each with its path; [] when they fit. */
export function imageLayerIssues(inputs: number, inputShape: ImageShape | undefined, imageLayers: readonly ImageLayerSpec[] | undefined): { path: (string | number)[]; message: string }[] {
  if (!imageLayers?.length) return [];
  if (!inputShape) return [{ path: ['imageLayers'], message: 'convolution and pooling need images: this data set has no image shape (channels x height x width)' }];
  const [c, h, w] = inputShape;
  if (c * h * w !== inputs) {
    return [{ path: ['inputShape'], message: `an image of ${c} channel${c > 1 ? 's' : ''} of ${h}x${w} has ${c * h * w} values, but the network has ${inputs} inputs` }];
  }
  const plan = planImageLayers(inputShape, imageLayers);
  return 'problem' in plan ? [{ path: ['imageLayers', plan.layer], message: plan.problem }] : [];
}

/**
 * A network's shape: optional image layers over inputs of `inputShape`, then `layers`: the
 * hidden dense layers followed by the output layer. A spec without `imageLayers` is the plain
 * multilayer perceptron every earlier spec describes.
 */
export const NetworkSpecSchema = z
  .object({
    inputs: z.number().int().min(1).max(MAX_INPUTS),
    inputShape: ImageShapeSchema.optional(),
    imageLayers: z.array(ImageLayerSpecSchema).max(MAX_LAYERS).optional(),
    layers: z.array(LayerSpecSchema).min(1).max(MAX_LAYERS),
    loss: LossNameSchema,
  })
  .superRefine((spec, ctx) => {
    for (const issue of imageLayerIssues(spec.inputs, spec.inputShape, spec.imageLayers)) ctx.addIssue({ code: 'custom', ...issue });
    spec.layers.forEach((layer, i) => {
      if (layer.activation === 'softmax' && i !== spec.layers.length - 1) {
        ctx.addIssue({ code: 'custom', path: ['layers', i, 'activation'], message: 'softmax is only allowed on the output layer' });
      }
    });
    const out = spec.layers[spec.layers.length - 1];
    if (spec.loss === 'softmax-ce' && out.activation !== 'softmax') {
      ctx.addIssue({ code: 'custom', path: ['loss'], message: 'softmax-ce needs a softmax output layer' });
    }
    if (spec.loss === 'softmax-ce' && out.units < 2) {
      ctx.addIssue({ code: 'custom', path: ['layers', spec.layers.length - 1, 'units'], message: 'softmax-ce needs at least 2 output units' });
    }
    if (spec.loss === 'bce' && out.activation !== 'sigmoid') {
      ctx.addIssue({ code: 'custom', path: ['loss'], message: 'bce needs a sigmoid output layer' });
    }
  });

/** The rules between layers and loss that NetworkSpecSchema checks, for a spec whose input size is known elsewhere (TrainSpec). */
export function layerLossIssues(layers: readonly LayerSpec[], loss: LossName): { path: (string | number)[]; message: string }[] {
  const parsed = NetworkSpecSchema.safeParse({ inputs: 1, layers, loss });
  return parsed.success ? [] : parsed.error.issues.filter((i) => i.code === 'custom').map((i) => ({ path: i.path as (string | number)[], message: i.message }));
}
export type NetworkSpec = z.infer<typeof NetworkSpecSchema>;

export const OptimizerSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sgd') }),
  z.object({ kind: z.literal('momentum'), momentum: z.number().min(0).max(MAX_MOMENTUM).default(0.9) }),
  z.object({ kind: z.literal('nesterov'), momentum: z.number().min(0).max(MAX_MOMENTUM).default(0.9) }),
  z.object({
    kind: z.literal('adam'),
    beta1: z.number().min(0).max(MAX_MOMENTUM).default(0.9),
    beta2: z.number().min(0).max(0.999999).default(0.999),
    epsilon: z.number().positive().max(1).default(1e-8),
  }),
]);
export type OptimizerSpec = z.infer<typeof OptimizerSpecSchema>;

/** Learning-rate schedules over epochs: step decay multiplies by `factor` every `every` epochs; cosine anneals to `minLr` at the last epoch. */
export const ScheduleSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('constant') }),
  z.object({ kind: z.literal('step'), every: z.number().int().min(1), factor: z.number().positive().max(1) }),
  z.object({ kind: z.literal('cosine'), minLr: z.number().min(0).default(0) }),
]);
export type ScheduleSpec = z.infer<typeof ScheduleSpecSchema>;

/** Regularization of weights (never biases): l2 adds lambda/2 * sum w^2, l1 adds lambda * sum |w| to the mean loss. */
export const RegularizationSpecSchema = z.object({
  kind: z.enum(['none', 'l1', 'l2']),
  lambda: z.number().min(0).max(MAX_LAMBDA).default(0),
});
export type RegularizationSpec = z.infer<typeof RegularizationSpecSchema>;

/** uniform draws from [-range, range]; glorot-uniform as in bench/TASKS.md; he-* scale by sqrt(2 / fanIn). Biases start at zero. */
export const InitSpecSchema = z.object({
  kind: z.enum(['uniform', 'glorot-uniform', 'glorot-normal', 'he-uniform', 'he-normal']),
  range: z.number().positive().max(MAX_INIT_RANGE).default(0.5),
});
export type InitSpec = z.infer<typeof InitSpecSchema>;

/**
 * The arithmetic a run trains in. 'auto' (the default) is float32 for a network with a layer of
 * more than SMALL_LAYER_WEIGHTS (4,096) weights and no conv layers, where the products are the
 * work and float32 is about twice as fast (four SIMD lanes, half the memory); float64 otherwise,
 * so the lecture's small networks, their traces and every hand-derived number stay float64.
 * Evaluation, checkpoints and exports are float64 either way (float32 parameters widen exactly).
 */
export const PRECISIONS = ['auto', 'float64', 'float32'] as const;
export const PrecisionSchema = z.enum(PRECISIONS);
export type Precision = z.infer<typeof PrecisionSchema>;

export const SEED_MAX = 2 ** 32 - 1;
export const SeedSchema = z.number().int().min(0).max(SEED_MAX);
