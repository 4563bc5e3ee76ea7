/** The Playground's handlers: typed-in weights, live regularization and speed (runs.start takes edited starting weights). */
import type { ApiHandlers } from '../../shared/api/contract';
import type { PlaygroundResponses } from '../../shared/api/playgroundContract';
import type { TrainingHost } from './training/host';

type PlaygroundHandlers = Pick<ApiHandlers, keyof PlaygroundResponses>;

export function createPlaygroundHandlers({ host }: { host: TrainingHost }): PlaygroundHandlers {
  return {
    'runs.setParams': ({ id, params }) => host.setParams(id, params),
    'runs.setRegularization': ({ id, regularization }) => host.setRegularization(id, regularization),
    'runs.setSpeed': ({ id, stepsPerSecond }) => host.setSpeed(id, stepsPerSecond),
  };
}
