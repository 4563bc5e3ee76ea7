/**
 * `runs list` and `runs show ID`: the stored runs as a table (or JSON with --json).
 * `runs export [ID ...] --out FILE` writes runs as a bundle; `runs import FILE ...` merges bundles
 * into the data folder (taking its lock, as every writer does).
 */
import { resolve } from 'node:path';
import { CURVE_METRICS } from '../../../shared/api/dto';
import type { RunRow } from '../../../shared/api/trackingDto';
import { FilterError, filterRows } from '../../../shared/tracking';
import { parseFlags, type FlagSpec } from '../args';
import { resolveDataDir } from '../../services/dataDir';
import type { BundleImportReport } from '../../../shared/api/bundleDto';
import { version } from '../../../../package.json';
import { CliFailure, UsageError } from '../errors';
import { BundleError } from '../../services/store/errors';
import { formatJson } from '../json';
import { openLockedStore, openRunStore, runId, type CliIo } from '../storeAccess';
import { formatTable } from '../table';

const STORE_FLAGS = {
  'data-dir': { kind: 'string', value: 'DIR', help: 'the runs are in DIR/backprop-lab.sqlite (default: $BACKPROP_LAB_HOME or ~/.backprop-lab)' },
  db: { kind: 'string', value: 'FILE', help: 'the runs are in this SQLite file' },
} satisfies FlagSpec;

const LIST_FLAGS = {
  json: { kind: 'boolean', help: 'print JSON instead of a table' },
  filter: { kind: 'string', value: 'EXPR', help: "list: only runs matching a filter, e.g. 'lr < 0.1 and activation = relu'" },
  experiment: { kind: 'integer', value: 'ID', help: 'list: only runs of this experiment' },
  archived: { kind: 'boolean', help: 'list: include archived runs' },
  ...STORE_FLAGS,
} satisfies FlagSpec;

const EXPORT_FLAGS = {
  out: { kind: 'string', required: true, value: 'FILE', help: 'export: write the bundle here (e.g. runs.bplab)' },
  ...STORE_FLAGS,
} satisfies FlagSpec;

/** Every flag of every action, for the help text. */
export const RUNS_FLAGS = { ...LIST_FLAGS, out: { ...EXPORT_FLAGS.out, required: false } } satisfies FlagSpec;

export const RUNS_SUMMARY = 'list the stored runs (runs list), show one (runs show ID), write runs to a bundle (runs export [ID ...] --out FILE) or merge bundles (runs import FILE ...)';

const METRIC_COLUMNS = CURVE_METRICS;
const cell = (v: number | undefined): string => (v === undefined || !Number.isFinite(v) ? '' : Number(v.toPrecision(4)).toString());

export async function runsCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const [action, ...rest] = argv;
  if (action === 'list') return list(rest, io);
  if (action === 'show') {
    const [id, ...flags] = rest;
    return show(runId('runs show', id), flags, io);
  }
  if (action === 'export') return exportRuns(rest, io);
  if (action === 'import') return importRuns(rest, io);
  throw new UsageError(`runs: expected 'list', 'show ID', 'export [ID ...] --out FILE' or 'import FILE ...', got ${action === undefined ? 'nothing' : `'${action}'`}`);
}

/** Arguments that are not flags or flag values (run ids, bundle files), before, between or after the flags. */
function positionals(argv: readonly string[], spec: FlagSpec): { args: string[]; flags: string[] } {
  const args: string[] = [];
  const flags: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      args.push(arg);
      continue;
    }
    flags.push(arg);
    const name = arg.slice(2).split('=')[0];
    if (!arg.includes('=') && spec[name] && spec[name].kind !== 'boolean' && i + 1 < argv.length) flags.push(argv[++i]);
  }
  return { args, flags };
}

async function exportRuns(argv: readonly string[], io: CliIo): Promise<number> {
  const { args, flags: rest } = positionals(argv, EXPORT_FLAGS);
  const flags = parseFlags('runs export', rest, EXPORT_FLAGS);
  const ids = args.map((a) => runId('runs export', a));
  const store = await openRunStore('runs export', flags, io.env);
  try {
    const written = store.bundles.export(resolve(flags.out), ids.length > 0 ? ids : undefined, `backprop-lab ${version}`);
    io.stdout.write(`${JSON.stringify(written)}\n`);
    io.stderr.write(`wrote ${written.runs} run${written.runs === 1 ? '' : 's'} to ${written.file} (${(written.bytes / 2 ** 20).toFixed(1)} MiB)\n`);
    return 0;
  } catch (error) {
    if (error instanceof BundleError) throw new CliFailure(`runs export: ${error.message}`);
    throw error;
  } finally {
    store.close();
  }
}

async function importRuns(argv: readonly string[], io: CliIo): Promise<number> {
  const { args: files, flags: rest } = positionals(argv, STORE_FLAGS);
  const flags = parseFlags('runs import', rest, STORE_FLAGS);
  if (files.length === 0) throw new UsageError('runs import: give one or more bundle files (written by runs export)');
  if (flags.db && flags['data-dir']) throw new UsageError('runs import: --db and --data-dir exclude each other: choose one');
  const locked = await openLockedStore('runs import', {
    db: flags.db && resolve(flags.db),
    dataDir: flags['data-dir'] ? resolve(flags['data-dir']) : resolveDataDir([], io.env),
  }, `backprop-lab runs import ${files.join(' ')}`.slice(0, 200), 'import the bundles in that app (Runs view: Import runs..., or drop the files on it), or into another folder: --data-dir OTHER_DIR');
  let report: BundleImportReport;
  try {
    report = locked.store.bundles.import(files.map((f) => resolve(f)));
  } catch (error) {
    if (error instanceof BundleError) throw new CliFailure(`runs import: ${error.message}`);
    throw error;
  } finally {
    locked.close();
  }
  io.stdout.write(`${JSON.stringify(report)}\n`);
  io.stderr.write(`${describeImport(report)}\n`);
  return 0;
}

/** "merged 3 bundles: 12 runs added (ids 4-15), 2 already here; new experiments: grid sweep of spiral" */
export function describeImport(report: BundleImportReport): string {
  const ids = report.added.map((r) => r.id);
  const parts = [
    `${report.added.length} run${report.added.length === 1 ? '' : 's'} added${ids.length ? ` (ids ${ids.length > 1 && ids[ids.length - 1] - ids[0] === ids.length - 1 ? `${ids[0]}-${ids[ids.length - 1]}` : ids.join(', ')})` : ''}`,
    `${report.alreadyPresent} already here`,
  ];
  if (report.experimentsAdded.length) parts.push(`new experiments: ${report.experimentsAdded.join(', ')}`);
  if (report.linksDropped) parts.push(`${report.linksDropped} link${report.linksDropped === 1 ? '' : 's'} to runs in neither the bundles nor this store cleared`);
  return `merged ${report.files.length} bundle${report.files.length === 1 ? '' : 's'}: ${parts.join('; ')}`;
}

async function rowsOf(command: string, argv: readonly string[], io: CliIo) {
  const flags = parseFlags(command, argv, LIST_FLAGS);
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
      io.stdout.write(`${JSON.stringify({ ...row, uid: detail.uid, spec: detail.spec, checkpoints })}\n`);
      return 0;
    }
    const lines = [
      `run ${row.id}: ${row.name}`,
      `status       ${row.status}${row.error ? ` (${row.error})` : ''}`,
      `uid          ${detail.uid}`,
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
