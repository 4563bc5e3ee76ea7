import { describe, expect, it } from 'vitest';
import { chooseLoss, chooseOutputActivation, fitOutputToDataset, type NetworkChoice } from '../../../../src/renderer/src/playground/coupling';

const xorNet: NetworkChoice = { layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], loss: 'bce' };

describe('coupling of output layer, loss and dataset', () => {
  it('gives a softmax output with one unit per class when softmax-ce is chosen', () => {
    const net = chooseLoss(xorNet, 'softmax-ce');
    expect(net.layers[1]).toEqual({ units: 2, activation: 'softmax' });
    expect(net.layers[0]).toEqual(xorNet.layers[0]);
  });

  it('gives a sigmoid output when bce is chosen', () => {
    const net = chooseLoss({ ...xorNet, layers: [xorNet.layers[0], { units: 1, activation: 'linear' }], loss: 'mse' }, 'bce');
    expect(net.layers[1].activation).toBe('sigmoid');
  });

  it('keeps the output activation when mse is chosen', () => {
    expect(chooseLoss(xorNet, 'mse')).toEqual({ layers: xorNet.layers, loss: 'mse' });
  });

  it('switches the loss to softmax-ce when the output becomes softmax', () => {
    const net = chooseOutputActivation(xorNet, 'softmax');
    expect(net.loss).toBe('softmax-ce');
    expect(net.layers[1].units).toBe(2);
  });

  it('leaves bce for mse when the output is no longer a sigmoid', () => {
    expect(chooseOutputActivation(xorNet, 'linear').loss).toBe('mse');
  });

  it('fits a regression dataset with a linear output and mse, keeping the lecture loss if chosen', () => {
    expect(fitOutputToDataset(xorNet, { task: 'regression', outputDim: 2 })).toEqual({
      layers: [xorNet.layers[0], { units: 2, activation: 'linear' }], loss: 'mse',
    });
    expect(fitOutputToDataset({ ...xorNet, loss: 'mse-half' }, { task: 'regression', outputDim: 1 }).loss).toBe('mse-half');
  });

  it('fits a multi-class dataset with softmax and softmax-ce', () => {
    expect(fitOutputToDataset(xorNet, { task: 'classification', outputDim: 3 })).toEqual({
      layers: [xorNet.layers[0], { units: 3, activation: 'softmax' }], loss: 'softmax-ce',
    });
  });
});
