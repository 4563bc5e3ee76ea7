/** What the result pictures say under each picture: which start or row, its class, its activation. */
import type { EvolutionFrame, ExampleDto, FeatureVisReport } from '../../../shared/api/featureVisDto';
import { formatNumber } from '../lib/format';
import type { ColorScale } from '../ui/colorMaps';
import type { SheetItem } from '../ui/imageLayout';

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

/**
 * The optimized input that reached the highest activation, over every start and every input of
 * a start (with several inputs per start the objective includes their diversity, so the start
 * the optimizer ranks first need not hold the highest activation).
 */
export function highestInput(report: FeatureVisReport): { start: number; input: number; value: number } {
  let top = { start: 0, input: 0, value: -Infinity };
  report.starts.forEach((s, i) => s.values.forEach((value, n) => { if (value > top.value) top = { start: i, input: n, value }; }));
  return top;
}

/** Every optimized input, highest activation first; only that one is marked "highest". */
export function optimizedItems(report: FeatureVisReport): SheetItem[] {
  const top = highestInput(report);
  const all = report.starts.flatMap((s, i) => s.inputs.map((input, n) => ({ s: i, n, input, value: s.values[n] })));
  all.sort((a, b) => b.value - a.value);
  return all.map(({ s, n, input, value }) => {
    const isTop = s === top.start && n === top.input;
    return {
      key: `${s}-${n}`,
      values: input,
      caption: `start ${s + 1}${report.starts[s].inputs.length > 1 ? `.${n + 1}` : ''}${isTop ? ' · highest' : ''}`,
      detail: `${formatNumber(value, 3)}${prediction(report.starts[s].outputs[n], report)}`,
      highlight: isTop,
    };
  });
}

/**
 * Whether no data row excites the unit: the largest activation over the data is 0 or below and
 * every listed row has it (a dead ReLU), so the rows a "top" list would show are arbitrary.
 */
export function deadOnData(examples: { top: readonly ExampleDto[] }): boolean {
  const top = examples.top;
  return top.length > 0 && top[0].activation <= 0 && top.every((e) => e.activation === top[0].activation);
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
