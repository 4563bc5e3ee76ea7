/**
 * The input plane the Playground draws on: the dataset's points (from `datasets.preview`,
 * fetched a moment after the settings stop changing), the box around them, and the network
 * evaluated over a grid of that box (every layer, so the decision map and each unit's own
 * map come from one pass). Recomputed a few times a second at most, outside deep reactivity.
 */
import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef, watch } from 'vue';
import type { DatasetPreview } from '../../../shared/api/dto';
import { inputSize } from '../../../shared/data/inputSize';
import { useApi } from '../api';
import { domainOf, evaluateLine, evaluatePlane, type Domain, type LineMaps, type PlaneMaps } from './grid';
import { throttle } from '../lib/throttle';
import { usePlaygroundStore } from './playgroundStore';
import { usePlaygroundNetworkStore } from './networkStore';

/** What can be drawn over the inputs: a 2-D map (classes or values) or a 1-D curve. */
export type PlaneKind = 'classes' | 'surface' | 'curve' | null;

export const MAP_CELLS = 50;
const CURVE_POINTS = 200;
const PREVIEW_POINTS = 2000;

export const usePlaygroundPlaneStore = defineStore('playgroundPlane', () => {
  const api = useApi();
  const pg = usePlaygroundStore();
  const network = usePlaygroundNetworkStore();

  const preview = shallowRef<DatasetPreview | null>(null);
  const previewError = ref<string | null>(null);
  const maps = shallowRef<PlaneMaps | null>(null);
  /** For 1-D sets: every unit along x1; the output's row is the fitted curve. */
  const line = shallowRef<LineMaps | null>(null);
  const curve = computed(() => line.value && { x: line.value.points, y: line.value.a[line.value.a.length - 1] });
  const version = ref(0);
  /** A point of the plane (raw coordinates) whose numbers the diagram shows on hover. */
  const probe = shallowRef<number[] | null>(null);

  const kind = computed<PlaneKind>(() => {
    const p = preview.value;
    if (!p) return null;
    const raw = rawDim(p);
    if (p.task === 'classification') return raw === 2 ? 'classes' : null;
    if (p.outputNames.length !== 1) return null;
    return raw === 2 ? 'surface' : raw === 1 ? 'curve' : null;
  });

  /** Points of the preview are raw (before features); their width is the plane's dimension. */
  const rawDim = (p: DatasetPreview): number => p.train.x[0]?.length ?? p.test.x[0]?.length ?? p.inputNames.length;

  const domain = computed<Domain | null>(() => {
    const p = preview.value;
    if (!p || !kind.value) return null;
    return domainOf([...p.train.x, ...p.test.x]);
  });

  /** Whether the plane shows every training point, so a click can name the one to remove. */
  const complete = computed(() => {
    const d = pg.spec.dataset;
    if (!preview.value || d.kind !== 'builtin') return false;
    return preview.value.train.x.length + preview.value.test.x.length < PREVIEW_POINTS;
  });

  /** Sets of more than two input columns (MNIST, wide tables) have no plane: nothing to fetch. */
  const planeless = computed(() => {
    const d = pg.spec.dataset;
    // the raw columns: derived features still draw on the plane
    return inputSize(d.kind === 'inline' ? d : { kind: 'builtin', name: d.name }) > 2;
  });

  let timer: ReturnType<typeof setTimeout> | undefined;
  let ticket = 0;
  async function load(): Promise<void> {
    const mine = ++ticket;
    if (planeless.value) {
      preview.value = null;
      recompute.request();
      return;
    }
    // Features change what the network sees, not where the points are: preview without them.
    const spec = JSON.parse(JSON.stringify(pg.spec.dataset));
    try {
      const result = await api.datasets.preview({ spec, maxPoints: PREVIEW_POINTS });
      if (mine !== ticket) return;
      preview.value = markRaw(result);
      previewError.value = null;
      recompute.request();
    } catch (err) {
      if (mine === ticket) previewError.value = (err as Error).message;
    }
  }
  watch(() => JSON.stringify(pg.spec.dataset), () => {
    clearTimeout(timer);
    timer = setTimeout(() => void load(), 250);
  }, { immediate: true });

  const recompute = throttle(() => {
    const shown = network.shown;
    const box = domain.value;
    if (!shown || !box || !preview.value) {
      maps.value = null;
      line.value = null;
    } else if (kind.value === 'curve') {
      line.value = markRaw(evaluateLine(shown.net, shown.features, box.x1[0], box.x1[1], CURVE_POINTS));
      maps.value = null;
    } else if (shown.net.inputs === (shown.features?.length ?? 2)) {
      maps.value = markRaw(evaluatePlane(shown.net, shown.features, box, MAP_CELLS));
      line.value = null;
    }
    version.value++;
  }, 250);
  watch(() => [network.version, domain.value], () => recompute.request());

  return { preview, previewError, planeless, kind, domain, complete, maps, line, curve, version, probe, reload: load };
});
