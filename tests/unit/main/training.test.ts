import { describe, expect, it } from 'vitest';
import { formatPath } from '../../../src/main/services/router';
import { MetricRecorder } from '../../../src/main/worker/metricRecorder';
import { planRecording } from '../../../src/main/worker/recordingPlan';
import { divergenceMessage } from '../../../src/main/worker/trainLoop';
import { sameToken, sessionToken } from '../../../src/main/transport/session';

describe('recording plan', () => {
  it('evaluates every epoch of a short run and keeps long runs to about a thousand evaluations', () => {
    expect(planRecording(500, 1)).toEqual({ evalEveryEpochs: 1, batchLossEvery: 1 });
    expect(planRecording(100_000, 1).evalEveryEpochs).toBe(100);
    expect(planRecording(100_000, 1).batchLossEvery).toBe(20);
  });
});

describe('metric recorder', () => {
  it('hands over the points since the last take and drops values that are not finite', () => {
    const recorder = new MetricRecorder();
    recorder.record('train_loss', 1, 0.5, 0.7);
    recorder.record('train_loss', 2, 1, NaN);
    recorder.record('train_loss', 3, 1.5, Infinity);
    const [batch] = recorder.take();
    expect(batch.name).toBe('train_loss');
    expect(Array.from(batch.value)).toEqual([0.7]);
    expect(Array.from(batch.epoch)).toEqual([0.5]);
    expect(recorder.take()).toEqual([]);
  });
});

describe('messages', () => {
  it('says at which step and how the loss diverged', () => {
    expect(divergenceMessage(12, NaN)).toBe('loss became NaN at step 12');
    expect(divergenceMessage(3, Infinity)).toBe('loss became Infinity at step 3');
    expect(divergenceMessage(4, 0.5)).toBe('parameters became NaN or Infinity at step 4');
  });

  it('names fields the way a user writes them', () => {
    expect(formatPath(['spec', 'layers', 0, 'units'])).toBe('spec.layers[0].units');
    expect(formatPath([])).toBe('');
  });
});

describe('session token', () => {
  it('is random unless BACKPROP_LAB_TOKEN fixes it', () => {
    expect(sessionToken({})).not.toBe(sessionToken({}));
    expect(sessionToken({}).length).toBeGreaterThanOrEqual(32);
    expect(sessionToken({ BACKPROP_LAB_TOKEN: 'fixed' })).toBe('fixed');
  });

  it('compares tokens in full', () => {
    expect(sameToken('abc', 'abc')).toBe(true);
    expect(sameToken('ab', 'abc')).toBe(false);
    expect(sameToken(null, 'abc')).toBe(false);
  });
});
