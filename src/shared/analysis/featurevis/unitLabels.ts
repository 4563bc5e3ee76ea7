/** The words the UI and the stored results use for layers, units and objectives. */
import type { FeatureObjective } from './featureVisSettings';
import type { ImageLayerInfo, LayerInfo } from './reportTypes';
import { planImageLayers, windowOf } from '../../nn/imageShapes';
import type { NetworkSpec } from '../../nn/spec';

export function layerInfos(spec: NetworkSpec): LayerInfo[] {
  const last = spec.layers.length - 1;
  return spec.layers.map((layer, index) => ({
    index,
    label: index === last ? 'Output layer' : `Hidden layer ${index + 1}`,
    units: layer.units,
    activation: layer.activation,
    output: index === last,
  }));
}

const POOL_NAMES = { maxpool: 'Max pool', avgpool: 'Average pool' } as const;

/** The conv and pool layers with the maps they make, numbered by kind as the lecture counts them ("Conv 2"). */
export function imageLayerInfos(spec: NetworkSpec): ImageLayerInfo[] {
  if (!spec.imageLayers?.length || !spec.inputShape) return [];
  const plan = planImageLayers(spec.inputShape, spec.imageLayers);
  if ('problem' in plan) return [];
  const counts = { conv: 0, pool: 0 };
  const infos: ImageLayerInfo[] = [];
  for (const layer of plan.layers) {
    const s = layer.spec;
    if (s.kind === 'flatten') continue;
    const g = windowOf(s);
    const window = `${g.kernelH}×${g.kernelW}`;
    const label = s.kind === 'conv'
      ? `Conv ${++counts.conv} · ${s.filters}@${window} ${s.activation}`
      : `${POOL_NAMES[s.kind]} ${++counts.pool} · ${window}`;
    infos.push({ index: infos.length, label, kind: s.kind, output: layer.output });
  }
  return infos;
}

export function objectiveLabel(objective: FeatureObjective, spec: NetworkSpec, outputNames: readonly string[]): string {
  if (objective.kind === 'class') {
    const name = outputNames.length > 1 ? outputNames[objective.class] : undefined;
    const cls = name !== undefined && name !== String(objective.class) ? `Class ${objective.class} (${name})` : `Class ${objective.class}`;
    return `${cls}, ${objective.output}`;
  }
  if (objective.kind === 'channel') {
    const image = imageLayerInfos(spec)[objective.imageLayer];
    return `${image ? image.label.split(' · ')[0] : `Image layer ${objective.imageLayer + 1}`}, channel ${objective.channel + 1}`;
  }
  const layer = layerInfos(spec)[objective.layer];
  const where = layer ? layer.label : `Layer ${objective.layer + 1}`;
  return `${where}, unit ${objective.unit + 1} (${objective.preActivation ? 'before' : 'after'} activation)`;
}

/** A clear message naming what to change, or null when the objective exists in this network. */
export function objectiveProblem(objective: FeatureObjective, spec: NetworkSpec, classes: number | null): string | null {
  const layers = layerInfos(spec);
  if (objective.kind === 'class') {
    if (classes === null) return 'objective: this run is a regression; pick a unit instead of a class';
    if (objective.class >= classes) return `objective.class: this network has classes 0..${classes - 1}, got ${objective.class}`;
    return null;
  }
  if (objective.kind === 'channel') {
    const images = imageLayerInfos(spec);
    if (images.length === 0) return 'objective: this network has no conv or pooling layers; pick a unit or a class';
    const image = images[objective.imageLayer];
    if (!image) return `objective.imageLayer: this network has image layers 0..${images.length - 1} (0 = first conv layer), got ${objective.imageLayer}`;
    if (objective.channel >= image.output[0]) return `objective.channel: ${image.label} has ${image.output[0]} channels (0..${image.output[0] - 1}), got ${objective.channel}`;
    return null;
  }
  const layer = layers[objective.layer];
  if (!layer) return `objective.layer: this network has layers 0..${layers.length - 1} (0 = first hidden layer), got ${objective.layer}`;
  if (objective.unit >= layer.units) return `objective.unit: ${layer.label} has ${layer.units} units (0..${layer.units - 1}), got ${objective.unit}`;
  return null;
}
