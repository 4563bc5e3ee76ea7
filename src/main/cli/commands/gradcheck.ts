/** `gradcheck`: backprop's gradient against finite differences on one example. */
import { gradientCheck } from '../../../shared/nn/gradcheck';
import { Network } from '../../../shared/nn/network';
import { parseFlags, type FlagSpec } from '../args';
import { loadModel } from '../files';
import { formatJson } from '../json';
import { checkLength } from './vectors';

export const GRADCHECK_FLAGS = {
  model: { kind: 'string', required: true, value: 'M.json|M.onnx', help: 'the model file, or an ONNX file (read by its .onnx name)' },
  input: { kind: 'numbers', required: true, value: '0.05,0.10', help: 'one example, comma-separated' },
  target: { kind: 'numbers', required: true, value: '0.01,0.99', help: 'its target outputs' },
  json: { kind: 'boolean', help: 'print the whole result (where the largest error is, both gradients) as JSON' },
} satisfies FlagSpec;

export const GRADCHECK_SUMMARY = "compare backprop's gradient with finite differences; print the largest relative error";

export function gradcheckCommand(argv: readonly string[]): string {
  const flags = parseFlags('gradcheck', argv, GRADCHECK_FLAGS);
  const model = loadModel(flags.model);
  const net = new Network(model.spec, model.params);
  checkLength('gradcheck', 'input', flags.input, net.inputs, 'inputs');
  checkLength('gradcheck', 'target', flags.target, net.outputs, 'outputs');
  const result = gradientCheck(net, Float64Array.from(flags.input), Float64Array.from(flags.target), 1);
  return flags.json ? formatJson(result) : String(result.maxRelativeError);
}
