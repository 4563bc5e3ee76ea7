// Runs a TypeScript worker entry from source (vitest, tsx): Node 20 workers ignore
// `execArgv: ['--import', 'tsx']`, so the entry is imported through tsx's API instead.
// The entry's file URL is the worker's first extra argv.
import { tsImport } from 'tsx/esm/api';

await tsImport(process.argv[2], import.meta.url);
