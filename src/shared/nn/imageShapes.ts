/**
 * The geometry of the image layers (spec.ts's ImageLayerSpecSchema): each layer's window,
 * stride and padding as numbers, the shape of every feature map, the parameter count, and the
 * words for a layer that does not fit. One place for these facts: the engine, the model file,
 * ONNX export and import, and the UI's shape listing all read them from here.
 *
 * Shapes are [channels, height, width]; a batch of maps is NCHW flattened row by row, so an
 * MNIST row of 784 pixels is the map 1 x 28 x 28. A window of side k with stride s and padding
 * p0 before and p1 after on a side of n gives floor((n + p0 + p1 - k) / s) + 1 outputs.
 */

type SidePair = number | readonly [number, number];

/** [channels, height, width] of one image (NCHW without the batch): MNIST is [1, 28, 28]. */
export type ImageShape = [number, number, number];

/**
 * The fields of an image layer its geometry depends on: spec.ts's ImageLayerSpec (which adds a
 * conv layer's activation) fits it. Written out here so this file needs nothing from spec.ts,
 * which plans its layers with it.
 */
export type ImageLayerShape =
  | { kind: 'conv'; filters: number; kernel: SidePair; stride?: SidePair; padding?: number | readonly number[] }
  | { kind: 'maxpool' | 'avgpool'; size: SidePair; stride?: SidePair }
  | { kind: 'flatten' };

/** A window (conv kernel or pool) in numbers: its sides, strides and ONNX-order pads. */
export interface WindowGeometry {
  kernelH: number;
  kernelW: number;
  strideH: number;
  strideW: number;
  padTop: number;
  padLeft: number;
  padBottom: number;
  padRight: number;
}

/** One image layer planned on its input: geometry, shapes and where its parameters sit. */
export interface PlannedImageLayer<L extends ImageLayerShape = ImageLayerShape> {
  spec: L;
  input: ImageShape;
  output: ImageShape;
  /** Conv and pools: the window; flatten: undefined. */
  window?: WindowGeometry;
  /** Conv: filters x channels x kernelH x kernelW weights, then filters biases; 0 for the others. */
  parameters: number;
}

export type ImageLayerPlan<L extends ImageLayerShape = ImageLayerShape> =
  | { layers: PlannedImageLayer<L>[]; parameters: number; outputSize: number }
  | { problem: string; layer: number };

const pair = (v: SidePair | undefined, fallback: [number, number]): [number, number] =>
  v === undefined ? fallback : typeof v === 'number' ? [v, v] : [v[0], v[1]];

/** The window of a conv or pool layer; pools have no padding and stride defaults to the window. */
export function windowOf(layer: Exclude<ImageLayerShape, { kind: 'flatten' }>): WindowGeometry {
  const [kernelH, kernelW] = pair(layer.kind === 'conv' ? layer.kernel : layer.size, [1, 1]);
  const [strideH, strideW] = pair(layer.stride, layer.kind === 'conv' ? [1, 1] : [kernelH, kernelW]);
  let pads: [number, number, number, number] = [0, 0, 0, 0];
  if (layer.kind === 'conv' && layer.padding !== undefined) {
    const p = layer.padding;
    pads = typeof p === 'number' ? [p, p, p, p] : p.length === 2 ? [p[0], p[1], p[0], p[1]] : [p[0], p[1], p[2], p[3]];
  }
  return { kernelH, kernelW, strideH, strideW, padTop: pads[0], padLeft: pads[1], padBottom: pads[2], padRight: pads[3] };
}

/** Output side of a window over `n` (see the header); below 1 when the window does not fit. */
export function outputSide(n: number, kernel: number, stride: number, padBefore: number, padAfter: number): number {
  return Math.floor((n + padBefore + padAfter - kernel) / stride) + 1;
}

/** "conv 5×5 stride 1", "maxpool 2×2 stride 2, padding 1" */
function describeWindow(kind: string, g: WindowGeometry): string {
  const stride = g.strideH === g.strideW ? `${g.strideH}` : `${g.strideH}×${g.strideW}`;
  const pads = [g.padTop, g.padLeft, g.padBottom, g.padRight];
  const padding = pads.every((p) => p === 0) ? '' : pads.every((p) => p === pads[0]) ? ` padding ${pads[0]}` : ` padding ${pads.join(',')} (top,left,bottom,right)`;
  return `${kind} ${g.kernelH}×${g.kernelW} stride ${stride}${padding}`;
}

/** Plans the image layers on an input shape, or says (in words) which layer does not fit and why. */
export function planImageLayers<L extends ImageLayerShape>(inputShape: ImageShape, imageLayers: readonly L[]): ImageLayerPlan<L> {
  const layers: PlannedImageLayer<L>[] = [];
  let shape: ImageShape = inputShape;
  let parameters = 0;
  for (let l = 0; l < imageLayers.length; l++) {
    const spec = imageLayers[l];
    const [c, h, w] = shape;
    if (spec.kind === 'flatten') {
      if (l !== imageLayers.length - 1) return { problem: 'flatten must be the last image layer (the dense layers follow it)', layer: l };
      layers.push({ spec, input: shape, output: shape, parameters: 0 });
      continue;
    }
    const g = windowOf(spec);
    if (g.padTop >= g.kernelH || g.padBottom >= g.kernelH || g.padLeft >= g.kernelW || g.padRight >= g.kernelW) {
      return { problem: `${describeWindow(spec.kind, g)}: padding must be smaller than the kernel (a window of padding only would see no input)`, layer: l };
    }
    const outH = outputSide(h, g.kernelH, g.strideH, g.padTop, g.padBottom);
    const outW = outputSide(w, g.kernelW, g.strideW, g.padLeft, g.padRight);
    if (outH < 1 || outW < 1) {
      return { problem: `${describeWindow(spec.kind, g)} on ${h}×${w} input gives no output`, layer: l };
    }
    const channels = spec.kind === 'conv' ? spec.filters : c;
    const count = spec.kind === 'conv' ? spec.filters * c * g.kernelH * g.kernelW + spec.filters : 0;
    const output: ImageShape = [channels, outH, outW];
    layers.push({ spec, input: shape, output, window: g, parameters: count });
    parameters += count;
    shape = output;
  }
  return { layers, parameters, outputSize: shape[0] * shape[1] * shape[2] };
}

/** A layer in a few characters, for architecture strings: "conv8@5×5", "maxpool2", "avgpool2×3"; flatten says nothing. */
export function imageLayerLabel(layer: ImageLayerShape): string {
  if (layer.kind === 'flatten') return '';
  const g = windowOf(layer);
  if (layer.kind === 'conv') return `conv${layer.filters}@${g.kernelH}×${g.kernelW}`;
  return `${layer.kind}${g.kernelH === g.kernelW ? g.kernelH : `${g.kernelH}×${g.kernelW}`}`;
}

/** "2-8-1", or with image layers "784-conv8@5×5-maxpool2-conv16@5×5-maxpool2-10". */
export function architectureString(inputs: number, imageLayers: readonly ImageLayerShape[] | undefined, layers: readonly { units: number }[]): string {
  const image = (imageLayers ?? []).map(imageLayerLabel).filter((label) => label !== '');
  return [String(inputs), ...image, ...layers.map((l) => String(l.units))].join('-');
}

/** "28×28×1" (height × width × channels, as the lectures draw a map). */
export function describeShape([c, h, w]: ImageShape): string {
  return `${h}×${w}×${c}`;
}

/**
 * The shape listing for the UI: "28×28×1 → 24×24×8 → 12×12×8 → 8×8×16 → 4×4×16 → 256 → 10",
 * or the problem of the first layer that does not fit ("layer 2: conv 5×5 stride 1 on 4×4 input gives no output").
 */
export function describeNetworkShapes(inputShape: ImageShape, imageLayers: readonly ImageLayerShape[], denseUnits: readonly number[]): string {
  const plan = planImageLayers(inputShape, imageLayers);
  if ('problem' in plan) return `image layer ${plan.layer + 1}: ${plan.problem}`;
  const parts = [describeShape(inputShape)];
  for (const layer of plan.layers) parts.push(layer.spec.kind === 'flatten' ? String(plan.outputSize) : describeShape(layer.output));
  if (imageLayers[imageLayers.length - 1]?.kind !== 'flatten' && imageLayers.length > 0) parts.push(String(plan.outputSize));
  for (const units of denseUnits) parts.push(String(units));
  return parts.join(' → ');
}
