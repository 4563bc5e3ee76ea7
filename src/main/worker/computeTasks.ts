/**
 * What a compute worker can do: one pure function from src/shared per task, with the Node data
 * sources (MNIST) the shared code cannot read itself. No database, no services.
 */
import type { ComputeModel, ComputeRequest, ComputeResult, ComputeTask } from '../../shared/compute-protocol';
import { channelsOfRow } from '../../shared/analysis/featurevis/channelsReport';
import { buildDataset, previewSample } from '../../shared/data/build';
import { confusionOf, evaluateModel, importModelSource, readModelText } from '../../shared/model';
import { nodeDataSources } from '../data/mnist';

type Tasks = { [T in ComputeTask]: (request: ComputeRequest<T>) => ComputeResult<T> };

const network = (model: ComputeModel) => (model.kind === 'file' ? readModelText(model.text) : model);

export const computeTasks: Tasks = {
  previewDataset: ({ spec, maxPoints }) => previewSample(spec, maxPoints, nodeDataSources),
  evaluateModel: ({ model, dataset, split, maxPredictions }) =>
    evaluateModel(network(model), buildDataset(dataset, nodeDataSources), split, maxPredictions),
  confusion: ({ model, dataset, split, maxExamples }) => confusionOf(network(model), buildDataset(dataset, nodeDataSources), split, maxExamples),
  channels: (request) => channelsOfRow(request, buildDataset(request.dataset, nodeDataSources)),
  importModel: (request) => importModelSource('onnx' in request ? { onnx: request.onnx } : { text: request.text }, request.name),
};

/** The typed arrays of a result that own their buffers (fresh per call), handed over rather than copied. */
export function transferablesOf(result: ComputeResult): ArrayBuffer[] {
  if (!('train' in result)) return [];
  const { train, test } = result;
  return [train.x, train.y, test.x, test.y]
    .filter((a) => a.byteOffset === 0 && a.byteLength === a.buffer.byteLength)
    .map((a) => a.buffer as ArrayBuffer)
    .filter((b, k, all) => all.indexOf(b) === k);
}
