/**
 * `window.api` in Electron, exposed by src/main/preload. Its methods resolve with the response
 * or reject with a plain ApiErrorDto. Browser mode's client implements the same BackpropApi.
 */
import type { BackpropApi } from './contract';

declare global {
  interface Window {
    api?: BackpropApi;
  }
}

export {};
