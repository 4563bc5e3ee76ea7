/** The words the UI and the stored results use for layers, units and objectives. */
import type { FeatureObjective } from './featureVisSettings';
import type { LayerInfo } from './reportTypes';
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

export function objectiveLabel(objective: FeatureObjective, spec: NetworkSpec, outputNames: readonly string[]): string {
  if (objective.kind === 'class') {
    const name = outputNames.length > 1 ? outputNames[objective.class] : undefined;
    const cls = name !== undefined && name !== String(objective.class) ? `Class ${objective.class} (${name})` : `Class ${objective.class}`;
    return `${cls}, ${objective.output}`;
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
  const layer = layers[objective.layer];
  if (!layer) return `objective.layer: this network has layers 0..${layers.length - 1} (0 = first hidden layer), got ${objective.layer}`;
  if (objective.unit >= layer.units) return `objective.unit: ${layer.label} has ${layer.units} units (0..${layer.units - 1}), got ${objective.unit}`;
  return null;
}
