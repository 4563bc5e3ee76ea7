/**
 * The model file (docs/architecture.md, "The model file and ONNX"): the interop contract for trained networks.
 * weights[i][j] connects unit i of the layer below (or input i) to unit j of the layer.
 * Keep it stable; a change of meaning gets a new version:
 *   1  a multilayer perceptron: inputs, layers, loss.
 *   2  adds `inputShape` and `imageLayers` (conv, maxpool, avgpool, flatten) before the dense
 *      layers; a conv layer's weights[o] holds filter o's channels x kernelH x kernelW values in
 *      (channel, row, column) order, as ONNX's Conv weight W[o][c][ky][kx].
 * Writers use version 1 for a network without image layers, so those files read as before
 * everywhere; readers take both.
 */
import { z } from 'zod';
import type { ColumnScaling } from '../data/spec';
import {
  ACTIVATIONS, ImageLayerSpecSchema, ImageShapeSchema, LOSSES, MAX_INPUTS, MAX_LAYERS, MAX_PARAMETERS, MAX_UNITS,
  type ActivationName, type ImageLayerSpec, type ImageShape, type LossName,
} from '../nn/spec';

export const MODEL_FORMAT = 'backprop-lab.model';
/** The newest version, which a network with image layers needs. */
export const MODEL_VERSION = 2;
/** The version of a network without image layers. */
export const MLP_MODEL_VERSION = 1;
export type ModelVersion = typeof MLP_MODEL_VERSION | typeof MODEL_VERSION;
/** A model file holds no more parameters than a run may train: the one budget, MAX_PARAMETERS. */
export const MAX_MODEL_PARAMS = MAX_PARAMETERS;
/**
 * An ONNX file's bytes: MAX_MODEL_PARAMS weights as float64 (the widest initializers it reads)
 * take 32 MiB; the rest is room for the graph and names. As base64 in a call it stays well under
 * MAX_CALL_BYTES.
 */
export const MAX_ONNX_BYTES = 64 * 1024 * 1024;
/** Which reader a model file's name asks for: ONNX for `.onnx`, else the lab's JSON. */
export const isOnnxFileName = (name: string): boolean => /\.onnx$/i.test(name);
/** Objects and arrays nest at most this deep in a model file (its own nesting is 4: layers[l].weights[i][j], imageLayers[l].weights[o][k]). */
export const MAX_MODEL_DEPTH = 8;

export interface ModelLayer {
  units: number;
  activation: ActivationName;
  /** fanIn rows of `units` columns. */
  weights: number[][];
  bias: number[];
}

/** An image layer in the file: the spec's fields, and for conv its weights (one row per filter) and bias. */
export type ModelImageLayer =
  | (Extract<ImageLayerSpec, { kind: 'conv' }> & { weights: number[][]; bias: number[] })
  | Exclude<ImageLayerSpec, { kind: 'conv' }>;

export interface ModelScaling { inputs: ColumnScaling[]; outputs: ColumnScaling[] }

/** What the file says besides the network: names and scaling, so predictions can be shown in raw units. */
export interface ModelMeta {
  name?: string;
  inputNames?: string[];
  outputNames?: string[];
  scaling?: ModelScaling;
}

export interface ModelFile extends ModelMeta {
  format: typeof MODEL_FORMAT;
  version: ModelVersion;
  inputs: number;
  /** Version 2: [channels, height, width] of the input rows, with the image layers. */
  inputShape?: ImageShape;
  imageLayers?: ModelImageLayer[];
  layers: ModelLayer[];
  loss: LossName;
}

const ColumnScalingSchema = z.object({
  offset: z.number(),
  scale: z.number().refine((s) => s !== 0, 'scale must not be 0'),
});

/**
 * The header: everything but the weight values, which are checked by hand for shape and
 * finiteness with messages that name the exact entry. Unknown fields are allowed (optional
 * fields may be added within a version).
 */
export const ModelHeaderSchema = z.object({
  name: z.string().max(200).optional(),
  inputs: z.number().int().min(1).max(MAX_INPUTS),
  inputShape: ImageShapeSchema.optional(),
  // a conv layer's weights and bias are checked by hand, like the dense layers'
  imageLayers: z.array(z.discriminatedUnion('kind', [
    ImageLayerSpecSchema.options[0].extend({ weights: z.unknown(), bias: z.unknown() }),
    ImageLayerSpecSchema.options[1], ImageLayerSpecSchema.options[2], ImageLayerSpecSchema.options[3],
  ])).max(MAX_LAYERS).optional(),
  layers: z.array(z.object({
    units: z.number().int().min(1).max(MAX_UNITS),
    activation: z.enum(ACTIVATIONS, {
      error: (issue) => `unknown activation ${JSON.stringify(issue.input)}; expected one of ${ACTIVATIONS.join(', ')}`,
    }),
    weights: z.unknown(),
    bias: z.unknown(),
  })).min(1).max(MAX_LAYERS),
  loss: z.enum(LOSSES, {
    error: (issue) => `unknown loss ${JSON.stringify(issue.input)}; expected one of ${LOSSES.join(', ')}`,
  }),
  inputNames: z.array(z.string()).optional(),
  outputNames: z.array(z.string()).optional(),
  scaling: z.object({ inputs: z.array(ColumnScalingSchema), outputs: z.array(ColumnScalingSchema) }).optional(),
});
