/** `runs list` and `runs show ID`: the stored runs as a table (or JSON with --json). */
import { CURVE_METRICS } from '../../../shared/api/dto';
import type { RunRow } from '../../../shared/api/trackingDto';
import { FilterError, filterRows } from '../../../shared/tracking';
import { parseFlags, type FlagSpec } from '../args';
import { CliFailure, UsageError } from '../errors';
import { formatJson } from '../json';
import { openRunStore, runId, type CliIo } from '../storeAccess';
import { formatTable } from '../table';

export const RUNS_FLAGS = {
  json: { kind: 'boolean', help: 'print JSON instead of a table' },
  filter: { kind: 'string', value: 'EXPR', help: "list: only runs matching a filter, e.g. 'lr < 0.1 and activation = relu'" },
  experiment: { kind: 'integer', value: 'ID', help: 'list: only runs of this experiment' },
  archived: { kind: 'boolean', help: 'list: include archived runs' },
  'data-dir': { kind: 'string', value: 'DIR', help: 'the runs are in DIR/backprop-lab.sqlite (default: $BACKPROP_LAB_HOME or ~/.backprop-lab)' },
  db: { kind: 'string', value: 'FILE', help: 'the runs are in this SQLite file' },
} satisfies FlagSpec;

export const RUNS_SUMMARY = 'list the stored runs (runs list), or show one (runs show ID)';

const METRIC_COLUMNS = CURVE_METRICS;
const cell = (v: number | undefined): string => (v === undefined || !Number.isFinite(v) ? '' : Number(v.toPrecision(4)).toString());

export async function runsCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const [action, ...rest] = argv;
  if (action === 'list') return list(rest, io);
  if (action === 'show') {
    const [id, ...flags] = rest;
    return show(runId('runs show', id), flags, io);
  }
  throw new UsageError(`runs: expected 'list' or 'show ID', got ${action === undefined ? 'nothing' : `'${action}'`}`);
}

async function rowsOf(command: string, argv: readonly string[], io: CliIo) {
  const flags = parseFlags(command, argv, RUNS_FLAGS);
  const store = await openRunStore(command, flags, io.env);
  try {
    return { flags, store, rows: store.runs.tableRows(flags.experiment, flags.archived ?? false) };
  } catch (error) {
    store.close();
    throw error;
  }
}

async function list(argv: readonly string[], io: CliIo): Promise<number> {
  const { flags, store, rows: all } = await rowsOf('runs list', argv, io);
  store.close();
  let rows: RunRow[];
  try {
    rows = filterRows(all, flags.filter ?? '');
  } catch (error) {
    if (error instanceof FilterError) throw new UsageError(`runs list: --filter: ${error.message}`);
    throw error;
  }
  if (flags.json) {
    io.stdout.write(`${JSON.stringify(rows)}\n`);
    return 0;
  }
  const header = ['id', 'name', 'status', 'dataset', 'architecture', 'lr', 'batch', 'epoch', ...METRIC_COLUMNS, 'tags'];
  const body = rows.map((r) => [
    String(r.id), r.name, r.status, r.dataset, r.architecture, String(r.lr), String(r.batch), String(r.epoch),
    ...METRIC_COLUMNS.map((m) => cell(r.metrics[m]?.last)), r.tags.join(','),
  ]);
  io.stdout.write(`${formatTable(header, body)}\n`);
  if (rows.length < all.length) io.stderr.write(`${rows.length} of ${all.length} runs match\n`);
  return 0;
}

async function show(id: number, argv: readonly string[], io: CliIo): Promise<number> {
  const { flags, store, rows } = await rowsOf('runs show', [...argv, '--archived'], io);
  try {
    const row = rows.find((r) => r.id === id);
    const detail = store.runs.detail(id);
    if (!row || !detail) throw new CliFailure(`runs show: run ${id} does not exist (see: runs list)`);
    const checkpoints = store.checkpoints.list(id);
    if (flags.json) {
      io.stdout.write(`${JSON.stringify({ ...row, spec: detail.spec, checkpoints })}\n`);
      return 0;
    }
    const lines = [
      `run ${row.id}: ${row.name}`,
      `status       ${row.status}${row.error ? ` (${row.error})` : ''}`,
      `experiment   ${row.experimentName}`,
      `dataset      ${row.dataset}`,
      `architecture ${row.architecture} (${row.activation || row.outputActivation} -> ${row.outputActivation}), loss ${row.loss}`,
      `training     ${row.optimizer}, lr ${row.lr}, batch ${row.batch || 'full'}, epoch ${row.epoch}/${row.epochs}, step ${row.step}, seed ${row.seed}`,
      `duration     ${row.durationMs === null ? '-' : `${(row.durationMs / 1000).toFixed(1)} s`}`,
      `tags         ${row.tags.join(', ') || '-'}`,
      `checkpoints  ${checkpoints.length}${checkpoints.length ? ` (steps ${checkpoints.map((c) => c.step).join(', ')})` : ''}`,
      ...(row.notes ? [`notes        ${row.notes}`] : []),
      '',
      formatTable(['metric', 'last', 'min', 'max', 'best', 'points'], Object.entries(row.metrics).map(([name, m]) => [
        name, cell(m.last), cell(m.min), cell(m.max), cell(m.best), String(m.count),
      ])),
      '',
      'spec:',
      formatJson(detail.spec, ''),
    ];
    io.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    store.close();
  }
}
