/**
 * The Playground: the training spec being edited, made of three parts with one job each:
 * the data (datasetChoice.ts), the network (networkEditing.ts) and the run that trains it
 * (runControl.ts). Views use the store; the parts share only the spec.
 */
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { useAppStore } from '../app/appStore';
import { useRunsStore } from '../runs/runsStore';
import { useDatasetChoice } from './datasetChoice';
import { useNetworkEditing } from './networkEditing';
import { defaultSpec, type PlaygroundSpec } from './playgroundSpec';
import { useRunControl } from './runControl';

export { defaultSpec, type ImportedDataset, type PlaygroundDataset, type PlaygroundSpec } from './playgroundSpec';

export const usePlaygroundStore = defineStore('playground', () => {
  const spec = ref<PlaygroundSpec>(defaultSpec());
  const network = useNetworkEditing(spec);
  const dataset = useDatasetChoice(spec, useAppStore(), network);
  const control = useRunControl(spec, useRunsStore(), dataset.specReplaced);

  // Other data, other network: a finished run shown on the old data is let go (its diagram, maps
  // and numbers would describe a network the next Train will not start from), and weights typed
  // for the old data are dropped (issue #11, defect 9). An active run keeps training where it is.
  watch(() => JSON.stringify(spec.value.dataset), (now, before) => {
    if (now === before) return;
    if (!control.active.value) control.runId.value = null;
    control.draftParams.value = null;
  });

  const { addHiddenLayer, removeHiddenLayer, addImageLayer, removeImageLayer, setPoolKind, setLoss, setOutputActivation, setOptimizer } = network;
  const { builtin, inputDim, task, setDataset, useBuiltin, useImported, setClasses, setFeatures, setPointEdits, fitOutput } = dataset;
  return {
    spec,
    // the data
    builtin, inputDim, task, setDataset, useBuiltin, useImported, setClasses, setFeatures, setPointEdits, fitOutput,
    // the network
    addHiddenLayer, removeHiddenLayer, addImageLayer, removeImageLayer, setPoolKind, setLoss, setOutputActivation, setOptimizer,
    // the run
    ...control,
  };
});
