/**
 * The network a run starts from: the spec's shape with the parameters its initialization and
 * seed draw. The Trainer, the Playground's preview of "the initialization the next run will
 * start from" and the benchmark tasks all call this, so they draw the same numbers.
 */
import { inputSize } from '../data/inputSize';
import { initializeParams } from '../nn/init';
import { Network } from '../nn/network';
import { mulberry32 } from '../nn/rng';
import { networkSpecOf, type TrainSpec } from './trainSpec';

/** The parts of a parsed training spec the initial network depends on. */
export type InitialNetworkSpec = Pick<TrainSpec, 'dataset' | 'imageLayers' | 'layers' | 'loss' | 'init' | 'seed'>;

/**
 * `inputs` defaults to the dataset spec's input size; the Trainer passes its built dataset's
 * `inputDim`, which is the same number.
 */
export function initialNetwork(spec: InitialNetworkSpec, inputs: number = inputSize(spec.dataset)): Network {
  const net = new Network(networkSpecOf(spec, inputs));
  initializeParams(net, spec.init, mulberry32(spec.seed));
  return net;
}
