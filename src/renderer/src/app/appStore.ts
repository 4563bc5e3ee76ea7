/** What the app is and offers: version, mode, data folder, and the built-in datasets' descriptions. Loaded once. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AppInfo, DatasetInfo } from '../../../shared/api/dto';
import { useApi } from '../api';

export const useAppStore = defineStore('app', () => {
  const api = useApi();
  const info = ref<AppInfo | null>(null);
  const datasets = ref<DatasetInfo[]>([]);
  const error = ref<string | null>(null);

  async function load(): Promise<void> {
    try {
      [info.value, datasets.value] = await Promise.all([api.app.info({}), api.datasets.list({})]);
      error.value = null;
    } catch (err) {
      error.value = (err as Error).message;
    }
  }

  const datasetInfo = (name: string): DatasetInfo | undefined => datasets.value.find((d) => d.name === name);

  return { info, datasets, error, load, datasetInfo };
});
