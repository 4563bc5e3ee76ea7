/** Whether the renderer can reach main right now, for the "reconnecting" banner. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

export interface ConnectionMonitor {
  readonly state: ConnectionState;
  /** Called on every change; `reconnected` is true when a lost connection came back (events may have been missed). */
  subscribe(listener: (state: ConnectionState, reconnected: boolean) => void): () => void;
}

/** Electron's IPC never drops. */
export const alwaysOpen: ConnectionMonitor = { state: 'open', subscribe: () => () => {} };
