/**
 * Electron entry: app lifecycle, one locked-down window, the menu. Everything else is the
 * same services browser mode uses, reached through the IPC adapter.
 */
import { app, BrowserWindow, dialog, Menu, session } from 'electron';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildMenu } from './menu';
import { allowPermission } from './permissions';
import { createAppServices, type AppServices } from './services/app';
import { APP_USAGE, appArgsProblem } from './services/args';
import { BUNDLE_FILE_EXTENSION, importBundlePaths } from './services/bundleHandlers';
import { resolveDataDir } from './services/dataDir';
import { registerIpcApi } from './transport/ipc';

let services: AppServices | undefined;
let mainWindow: BrowserWindow | null = null;

// A wrong flag of ours is a usage error (exit 2), before any window or database; Chromium's own switches pass.
const argProblem = appArgsProblem(process.argv.slice(1));
if (argProblem) {
  console.error(`${argProblem}\n\n${APP_USAGE}`);
  app.exit(2);
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Backprop Lab',
    show: false,
    webPreferences: {
      preload: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => { mainWindow = null; });
  // electron-vite dev serves the renderer over HTTP; a build loads the files
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  if (!app.isPackaged && devUrl) void mainWindow.loadURL(devUrl);
  else void mainWindow.loadFile(fileURLToPath(new URL('../renderer/index.html', import.meta.url)));
}

// No page may open windows or navigate away: the app shows only its own renderer.
app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

// A second instance would mark this one's active runs interrupted: focus the first instead.
const primary = app.requestSingleInstanceLock();
if (!primary) app.quit();
app.on('second-instance', () => {
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
});

app.whenReady().then(() => {
  if (!primary || argProblem) return;
  // Electron grants camera, microphone, notifications and more unless told otherwise: the
  // window's session answers every permission request, check and device request by permissions.ts.
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(allowPermission(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => allowPermission(permission));
  ses.setDevicePermissionHandler(() => false);
  services = createAppServices({ dataDir: resolveDataDir(process.argv, process.env, app.getPath('userData')), mode: 'electron' });
  registerIpcApi(services.router, services.bus, () => mainWindow?.webContents ?? null);
  Menu.setApplicationMenu(buildMenu({ importRuns: () => void importRunsFromMenu() }));
  createWindow();
  app.on('activate', () => { if (BrowserWindow.getAllWindows().length === 0) createWindow(); });
}).catch((err: unknown) => {
  console.error('Backprop Lab could not start:', err);
  // a desktop user sees no terminal: say it in a window (a damaged database names its file)
  dialog.showErrorBox('Backprop Lab could not start', err instanceof Error ? err.message : String(err));
  app.exit(1);
});

/**
 * File > Import runs…: the same merge as the Runs view's button, from files picked in the system
 * dialog (no copy through the renderer); every window hears 'runs.imported' and shows what was merged.
 */
async function importRunsFromMenu(): Promise<void> {
  if (!services || !mainWindow) return;
  const pick = await dialog.showOpenDialog(mainWindow, {
    title: 'Import runs',
    properties: ['openFile', 'multiSelections'],
    filters: [{ name: 'Backprop Lab run bundles', extensions: [BUNDLE_FILE_EXTENSION.slice(1)] }, { name: 'All files', extensions: ['*'] }],
  });
  if (pick.canceled || pick.filePaths.length === 0) return;
  try {
    importBundlePaths(services.store, services.bus, pick.filePaths, pick.filePaths.map((p) => basename(p)));
  } catch (err) {
    dialog.showErrorBox('Import runs', err instanceof Error ? err.message : String(err));
  }
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// Workers stop and the database closes before the process ends.
let closed = false;
app.on('before-quit', (event) => {
  if (closed || !services) return;
  event.preventDefault();
  void services.close().finally(() => {
    closed = true;
    app.quit();
  });
});
