/** The CSV import's parser, off the UI thread (csvAnalysis.ts). */
import { createCsvDescriber, type CsvRequest } from './csvImportModel';

const describe = createCsvDescriber();
self.onmessage = (ev: MessageEvent<CsvRequest>) => {
  self.postMessage(describe(ev.data));
};
