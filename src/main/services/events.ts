/** The push events of the API, fanned out to whichever transports subscribed. */
import type { ApiEventName, ApiEvents } from '../../shared/api/dto';

export type EventListener = <E extends ApiEventName>(event: E, payload: ApiEvents[E]) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();

  /** Returns the function that unsubscribes. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends ApiEventName>(event: E, payload: ApiEvents[E]): void {
    for (const listener of this.listeners) {
      // One broken subscriber (a closed socket) must not starve the others or the training host.
      try {
        listener(event, payload);
      } catch (err) {
        console.error(`event listener failed on ${event}:`, err);
      }
    }
  }
}
