/**
 * The runs table's columns besides the run itself, hyperparameters and metrics: each can be
 * hidden with the column chooser (Runs view), which keeps the choice in this browser, so a
 * narrow window (1280 px) shows the columns a person reads instead of scrolling sideways.
 */
export interface TableColumn { key: string; label: string; numeric?: boolean; title?: string; after?: boolean }

export const RUN_COLUMN: TableColumn = { key: 'name', label: 'Run' };

export const OPTIONAL_COLUMNS: readonly TableColumn[] = [
  { key: 'status', label: 'Status' },
  { key: 'dataset', label: 'Dataset' },
  { key: 'architecture', label: 'Architecture' },
  { key: 'lr', label: 'lr', numeric: true, title: 'learning rate' },
  { key: 'batch', label: 'batch', numeric: true, title: 'batch size (0 = full batch)' },
  { key: 'optimizer', label: 'optimizer' },
  { key: 'activation', label: 'activation', title: 'hidden layers' },
  { key: 'epochs', label: 'epochs', numeric: true, title: 'epochs planned' },
  // after the hyperparameter and metric columns
  { key: 'durationMs', label: 'Duration', after: true },
  { key: 'tags', label: 'Tags', after: true },
  { key: 'notes', label: 'Notes', after: true },
  { key: 'createdAt', label: 'Created', after: true },
];

const STORAGE_KEY = 'backprop-lab.runs.hiddenColumns';

/** The hidden columns kept in this browser; only keys that still exist. */
export function loadHiddenColumns(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): string[] {
  try {
    const parsed = JSON.parse(storage?.getItem(STORAGE_KEY) ?? '[]') as unknown;
    const known = new Set(OPTIONAL_COLUMNS.map((c) => c.key));
    return Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === 'string' && known.has(k)) : [];
  } catch {
    return []; // unreadable: every column shown, nothing lost
  }
}

export function saveHiddenColumns(keys: readonly string[], storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(keys));
  } catch {
    // storage full or off: the choice lasts until the page reloads
  }
}
