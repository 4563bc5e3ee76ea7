/** `trace`: one forward/backward/update step on one example, every number as JSON. */
import { LOSSES, type LossName } from '../../../shared/nn/spec';
import { trace, TRACE_IMAGE_LAYERS } from '../../../shared/nn/trace';
import { parseFlags, type FlagSpec } from '../args';
import { CliFailure, UsageError } from '../errors';
import { loadModel } from '../files';
import { formatJson } from '../json';
import { checkLength } from './vectors';

export const TRACE_FLAGS = {
  model: { kind: 'string', required: true, value: 'M.json|M.onnx', help: 'the model file (format backprop-lab.model), or an ONNX file (read by its .onnx name)' },
  input: { kind: 'numbers', required: true, value: '0.05,0.10', help: 'one example, comma-separated' },
  target: { kind: 'numbers', required: true, value: '0.01,0.99', help: 'its target outputs' },
  lr: { kind: 'number', required: true, value: '0.5', help: 'the learning rate eta of the update' },
  'freeze-bias': { kind: 'boolean', help: 'update the weights only, keep the biases' },
  loss: { kind: 'string', value: LOSSES.join('|'), help: "the loss to differentiate (default: the model file's)" },
} satisfies FlagSpec;

export const TRACE_SUMMARY = 'print every number of one backpropagation step on one example';

export function traceCommand(argv: readonly string[]): string {
  const flags = parseFlags('trace', argv, TRACE_FLAGS);
  if (flags.loss !== undefined && !(LOSSES as readonly string[]).includes(flags.loss)) {
    throw new UsageError(`trace: --loss '${flags.loss}' is not a loss; choose one of ${LOSSES.join(', ')}`);
  }
  if (!(flags.lr > 0)) throw new UsageError(`trace: --lr must be positive; got ${flags.lr}`);
  const model = loadModel(flags.model);
  if (model.spec.imageLayers?.length) throw new CliFailure(`trace: ${TRACE_IMAGE_LAYERS}`);
  const outputs = model.spec.layers[model.spec.layers.length - 1].units;
  checkLength('trace', 'input', flags.input, model.spec.inputs, 'inputs');
  checkLength('trace', 'target', flags.target, outputs, 'outputs');
  const result = trace(model, flags.input, flags.target, { lr: flags.lr, freezeBias: flags['freeze-bias'] ?? false, loss: flags.loss as LossName | undefined });
  return formatJson(result);
}
