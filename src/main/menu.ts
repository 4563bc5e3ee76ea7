/** The application menu: the standard roles plus the app's own file commands, nothing that loads remote content. */
import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface MenuCommands {
  /** File > Import runs…: pick run bundles and merge them (index.ts). */
  importRuns(): void;
}

export function buildMenu(commands: MenuCommands): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Import runs…', accelerator: 'CmdOrCtrl+Shift+I', click: () => commands.importRuns() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' },
        { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
