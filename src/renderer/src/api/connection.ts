/**
 * Whether the renderer can reach main right now, for the "reconnecting" banner. `refused`: the
 * server is up but no longer accepts this page's token; only opening its address again helps.
 */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'refused';

export interface ConnectionMonitor {
  readonly state: ConnectionState;
  /** Called on every change; `reconnected` is true when a lost connection came back (events may have been missed). */
  subscribe(listener: (state: ConnectionState, reconnected: boolean) => void): () => void;
}

/** Electron's IPC never drops. */
export const alwaysOpen: ConnectionMonitor = { state: 'open', subscribe: () => () => {} };
