/** What the result pictures say under each picture: which start or row, its class, its activation. */
import type { EvolutionFrame, ExampleDto, FeatureVisReport } from '../../../shared/api/featureVisDto';
import { formatNumber } from '../lib/format';
import type { ColorScale } from './colorMaps';
import type { SheetItem } from './imageLayout';

/** The predicted class and its probability, for a classifier's output vector. */
export function predicted(outputs: readonly number[], classes: number | null): { label: number; p: number } | null {
  if (classes === null || outputs.length === 0) return null;
  if (outputs.length === 1) return outputs[0] >= 0.5 ? { label: 1, p: outputs[0] } : { label: 0, p: 1 - outputs[0] };
  let best = 0;
  outputs.forEach((v, k) => { if (v > outputs[best]) best = k; });
  return { label: best, p: outputs[best] };
}

const prediction = (outputs: readonly number[], report: FeatureVisReport): string => {
  const p = predicted(outputs, report.classes);
  return p ? ` → ${p.label} ${(p.p * 100).toFixed(0)}%` : '';
};

/** Every optimized input, the best start's first. */
export function optimizedItems(report: FeatureVisReport): SheetItem[] {
  const order = [report.best, ...report.starts.map((_, i) => i).filter((i) => i !== report.best)];
  return order.flatMap((s) => report.starts[s].inputs.map((input, n) => ({
    key: `${s}-${n}`,
    values: input,
    caption: `start ${s + 1}${report.starts[s].inputs.length > 1 ? `.${n + 1}` : ''}${s === report.best ? ' · best' : ''}`,
    detail: `${formatNumber(report.starts[s].values[n], 3)}${prediction(report.starts[s].outputs[n], report)}`,
    highlight: s === report.best && n === 0,
  })));
}

export function exampleItems(examples: readonly ExampleDto[]): SheetItem[] {
  return examples.map((e) => ({
    key: e.index,
    values: e.x,
    caption: `row ${e.index}${e.label !== null ? ` · ${e.label}` : ''}`,
    detail: `act ${formatNumber(e.activation, 4)}`,
  }));
}

export function evolutionItems(frames: readonly EvolutionFrame[], report: FeatureVisReport): SheetItem[] {
  return frames.map((f) => ({
    key: f.checkpoint.id,
    values: f.input,
    caption: `step ${f.checkpoint.step}`,
    detail: `${formatNumber(f.value, 3)}${prediction(f.outputs, report)}`,
    highlight: f.checkpoint.id === report.checkpoint.id,
  }));
}

/** Inputs in grey over the data's own range (MNIST: 0 black to 1 white). */
export const inputScale = (report: FeatureVisReport): ColorScale => ({ kind: 'grey', min: report.range.min, max: report.range.max });
