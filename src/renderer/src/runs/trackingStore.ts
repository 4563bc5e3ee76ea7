/**
 * Experiment tracking in the Runs view: the experiment picked, the table's query (filter
 * expression, search, sort, archived runs), the rows `runs.table` answered, the runs ticked
 * for comparing and bulk actions, and the edits (rename, tags, notes, archive, delete).
 * The table follows training through `run.status` events and a slow poll while runs are active.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { FINAL_STATUSES, type ExperimentSummary } from '../../../shared/api/dto';
import type { RunRow, RunsTable } from '../../../shared/api/trackingDto';
import { ApiError, useApi, useConnection } from '../api';
import { throttle } from '../lib/throttle';
import type { MetricStat } from './columns';

export interface SortState { key: string; direction: 'asc' | 'desc' }

/** How often the table refreshes while runs are queued, running or paused. */
const ACTIVE_POLL_MS = 1500;

export const useTrackingStore = defineStore('tracking', () => {
  const api = useApi();

  const experiments = ref<ExperimentSummary[]>([]);
  /** null: every experiment. */
  const experimentId = ref<number | null>(null);
  const filter = ref('');
  const search = ref('');
  const includeArchived = ref(false);
  const sort = ref<SortState>({ key: 'createdAt', direction: 'desc' });
  const metricStat = ref<MetricStat>('last');

  const table = shallowRef<RunsTable | null>(null);
  const loading = ref(false);
  /** The filter parser's message ("expected a value after < at column 6"); the table keeps its last good rows. */
  const filterError = ref<string | null>(null);
  const error = ref<string | null>(null);
  const selected = ref<number[]>([]);

  const rows = computed<RunRow[]>(() => table.value?.rows ?? []);
  const rowById = computed(() => new Map(rows.value.map((r) => [r.id, r])));
  const selectedRows = computed(() => selected.value.map((id) => rowById.value.get(id)).filter((r): r is RunRow => r !== undefined));
  const anyActive = computed(() => rows.value.some((r) => !FINAL_STATUSES.includes(r.status)));

  async function loadExperiments(): Promise<void> {
    try {
      experiments.value = await api.experiments.list({});
    } catch (err) {
      error.value = (err as Error).message;
    }
  }

  async function createExperiment(name: string): Promise<ExperimentSummary> {
    const created = await api.experiments.create({ name });
    await loadExperiments();
    experimentId.value = created.id;
    return created;
  }

  // Answers can overtake each other while the user types; only the latest request's answer counts.
  let sequence = 0;
  async function refresh(): Promise<void> {
    const mine = ++sequence;
    loading.value = true;
    try {
      const answer = await api.runs.table({
        ...(experimentId.value !== null ? { experimentId: experimentId.value } : {}),
        includeArchived: includeArchived.value,
        filter: filter.value,
        search: search.value,
        sort: sort.value,
      });
      if (mine !== sequence) return;
      table.value = answer;
      filterError.value = null;
      error.value = null;
      // Runs deleted or filtered away cannot stay ticked: bulk actions would act on rows nobody sees.
      const visible = new Set(answer.rows.map((r) => r.id));
      if (selected.value.some((id) => !visible.has(id))) selected.value = selected.value.filter((id) => visible.has(id));
    } catch (err) {
      if (mine !== sequence) return;
      if (err instanceof ApiError && err.code === 'bad-request' && filter.value.trim()) filterError.value = err.message;
      else error.value = (err as Error).message;
    } finally {
      if (mine === sequence) loading.value = false;
    }
  }

  const refreshSoon = throttle(() => void refresh(), 400);
  watch([experimentId, includeArchived, sort], () => void refresh(), { deep: true });
  watch([filter, search], () => refreshSoon.request());

  api.on('run.status', () => {
    refreshSoon.request();
    void loadExperiments();
  });
  useConnection().subscribe((state, reconnected) => {
    if (state === 'open' && reconnected) void refresh();
  });
  let poll: ReturnType<typeof setInterval> | null = null;
  watch(anyActive, (active) => {
    if (active && poll === null) poll = setInterval(() => void refresh(), ACTIVE_POLL_MS);
    if (!active && poll !== null) {
      clearInterval(poll);
      poll = null;
    }
  });

  function setSort(key: string): void {
    sort.value = sort.value.key === key
      ? { key, direction: sort.value.direction === 'asc' ? 'desc' : 'asc' }
      // Names read naturally A to Z; numbers and dates most interesting from the top.
      : { key, direction: key === 'name' || key === 'dataset' || key === 'architecture' ? 'asc' : 'desc' };
  }

  function toggle(id: number, on: boolean): void {
    const rest = selected.value.filter((x) => x !== id);
    selected.value = on ? [...rest, id] : rest;
  }
  const selectAll = (on: boolean): void => { selected.value = on ? rows.value.map((r) => r.id) : []; };

  /** Runs an edit, then reloads the table; the API's message is the error shown. */
  async function edit<T>(work: () => Promise<T>): Promise<T> {
    const result = await work();
    await refresh();
    return result;
  }

  const rename = (id: number, name: string) => edit(() => api.runs.rename({ id, name }));
  const setNotes = (id: number, notes: string) => edit(() => api.runs.setNotes({ id, notes }));
  const setTags = (ids: number[], tags: string[], mode: 'set' | 'add' | 'remove' = 'set') => edit(() => api.runs.setTags({ ids, tags, mode }));
  const archive = (ids: number[], archived: boolean) => edit(() => api.runs.archive({ ids, archived }));
  async function deleteRuns(ids: number[]): Promise<number> {
    const { deleted } = await edit(() => api.runs.deleteMany({ ids, confirm: true }));
    selected.value = selected.value.filter((id) => !ids.includes(id));
    await loadExperiments();
    return deleted;
  }

  return {
    experiments, experimentId, filter, search, includeArchived, sort, metricStat,
    table, rows, rowById, loading, filterError, error, selected, selectedRows, anyActive,
    loadExperiments, createExperiment, refresh, setSort, toggle, selectAll,
    rename, setNotes, setTags, archive, deleteRuns,
  };
});
