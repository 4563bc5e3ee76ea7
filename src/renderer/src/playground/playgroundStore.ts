/**
 * The Playground: the training spec being edited, made of three parts with one job each:
 * the data (datasetChoice.ts), the network (networkEditing.ts) and the run that trains it
 * (runControl.ts). Views use the store; the parts share only the spec.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
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

  const { addHiddenLayer, removeHiddenLayer, setLoss, setOutputActivation, setOptimizer } = network;
  const { builtin, inputDim, task, setDataset, useBuiltin, useImported, setClasses, setFeatures, setPointEdits, fitOutput } = dataset;
  return {
    spec,
    // the data
    builtin, inputDim, task, setDataset, useBuiltin, useImported, setClasses, setFeatures, setPointEdits, fitOutput,
    // the network
    addHiddenLayer, removeHiddenLayer, setLoss, setOutputActivation, setOptimizer,
    // the run
    ...control,
  };
});
