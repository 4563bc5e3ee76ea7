/** A run's lineage in words, the same in the runs table, run detail and the Playground. */
import type { RunLineage } from '../../../shared/tracking/runs';

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
