/**
 * The Electron adapter of the router: one `ipcMain.handle` per API method on `app:<method>`,
 * and the API events sent to the window. Calls from any other web contents are refused.
 */
import { ipcMain, type WebContents } from 'electron';
import { API_METHODS, IPC_EVENT_CHANNEL, ipcChannel } from '../../shared/api/contract';
import type { EventBus } from '../services/events';
import type { ApiResult } from '../../shared/api/dto';
import type { Router } from '../services/router';

/** Returns the function that removes the handlers again. */
export function registerIpcApi(router: Router, bus: EventBus, window: () => WebContents | null): () => void {
  for (const method of API_METHODS) {
    ipcMain.handle(ipcChannel(method), (event, request: unknown): Promise<ApiResult> | ApiResult => {
      if (event.sender.id !== window()?.id) return { ok: false, error: { code: 'bad-request', message: 'calls are only accepted from the app window' } };
      return router.call(method, request);
    });
  }
  const unsubscribe = bus.subscribe((event, payload) => {
    const target = window();
    if (target && !target.isDestroyed()) target.send(IPC_EVENT_CHANNEL, { event, payload });
  });
  return () => {
    unsubscribe();
    for (const method of API_METHODS) ipcMain.removeHandler(ipcChannel(method));
  };
}
