/**
 * Reading and describing a CSV (csvImportModel.ts) away from the UI thread: a 50 MB file takes
 * seconds to parse, and the page must not freeze meanwhile. The file's bytes go to a module
 * worker once (transferred, decoded there by its byte-order mark); each change of the user's
 * choices then sends only the choices. Where there are no workers (tests) it runs inline.
 */
import { createCsvDescriber, type CsvAnswer, type CsvChoices, type CsvImportState, type CsvRequest, type CsvSource } from './csvImportModel';

export interface CsvAnalyzer {
  /** A new source (bytes are transferred) and the choices for it. */
  load(source: CsvSource, choices: CsvChoices): void;
  /** New choices for the current source. */
  choose(choices: CsvChoices): void;
  dispose(): void;
}

/**
 * Calls `onState` with the description of the latest request only (answers to older ones are
 * dropped). Where a worker cannot start (no Worker, or its script is refused) it describes
 * inline, on this thread, rather than not at all.
 */
export function createCsvAnalyzer(onState: (state: CsvImportState) => void, onBusy: (busy: boolean) => void): CsvAnalyzer {
  let nextId = 1;
  let latest = 0;
  let sourceId = 0;
  /** The current source, kept to replay on the inline describer if the worker fails. */
  let loaded: CsvSource | undefined;
  let lastChoices: CsvChoices | undefined;
  let inline: ((request: CsvRequest) => CsvAnswer) | undefined;
  let worker: Worker | undefined;

  const answer = ({ id, state }: CsvAnswer): void => {
    if (id !== latest) return;
    onBusy(false);
    onState(state);
  };
  const describeInline = (request: CsvRequest): void => {
    inline ??= createCsvDescriber();
    answer(inline(request));
  };
  if (typeof Worker !== 'undefined') {
    try {
      worker = new Worker(new URL('./csv.worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (ev: MessageEvent<CsvAnswer>) => answer(ev.data);
      worker.onerror = (ev) => {
        ev.preventDefault();
        worker?.terminate();
        worker = undefined;
        if (loaded && lastChoices) describeInline({ id: latest, sourceId, source: loaded, choices: lastChoices });
      };
    } catch {
      worker = undefined;
    }
  }
  const send = (choices: CsvChoices, source?: CsvSource): void => {
    latest = nextId++;
    // choices may be a Vue proxy, which cannot be posted
    lastChoices = JSON.parse(JSON.stringify(choices)) as CsvChoices;
    const request: CsvRequest = { id: latest, sourceId, ...(source ? { source } : {}), choices: lastChoices };
    onBusy(true);
    if (worker) worker.postMessage(request);
    else describeInline(request);
  };
  return {
    load(source, choices) {
      sourceId += 1;
      loaded = source;
      send(choices, source);
    },
    choose: (choices) => send(choices),
    dispose: () => worker?.terminate(),
  };
}
