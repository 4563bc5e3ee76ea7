/** A run's history in words (where it came from, the rates it trained at), the same in the runs table and run detail. */
import type { LearningRateChange, RunLineage } from '../../../shared/tracking/runs';
import { formatInteger, formatNumber } from '../lib/format';

const parent = (l: RunLineage): string => (l.runId === null ? 'a deleted run' : `#${l.runId}`);

/** For a chip: "continued from #3", "rerun of #3", "from model net.onnx". */
export function lineageShort(l: RunLineage): string {
  switch (l.kind) {
    case 'continued': return `continued from ${parent(l)}`;
    case 'rerun': return `rerun of ${parent(l)}`;
    case 'imported-model': return `from model ${l.model ?? '(unnamed)'}`;
  }
}

/** For a sentence: what the run started from. */
export function lineageText(l: RunLineage): string {
  switch (l.kind) {
    case 'continued': return `Continued training from the last checkpoint of run ${parent(l)}: it started from that run's trained weights.`;
    case 'rerun': return `A rerun of run ${parent(l)} with changes: the same kind of run, trained from a fresh initialization.`;
    case 'imported-model': return `Started from the imported model ${l.model ?? '(unnamed)'}.`;
  }
}

/** "0.02 from the start, 0.005 from step 1,200": every learning rate the run trained at. */
export function lrHistoryText(start: number, changes: readonly LearningRateChange[]): string {
  return [`${formatNumber(start)} from the start`, ...changes.map((c) => `${formatNumber(c.learningRate)} from step ${formatInteger(c.step)}`)].join(', ');
}
