/// <reference types="vite/client" />
// `window.api` (the Electron preload's BackpropApi, absent in browser mode) is declared once,
// next to the contract; this brings it into the renderer. vue-tsc types .vue imports itself.
import type {} from '../../shared/api/window';
