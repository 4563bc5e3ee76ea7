import { describe, expect, it } from 'vitest';
import { ALLOWED_PERMISSIONS, allowPermission } from '../../../src/main/permissions';

describe('the window permission policy', () => {
  it('denies every permission Electron knows of, including the ones it grants by default', () => {
    // the names of Electron's session permission handlers (electron.d.ts), plus one it may add later
    const names = [
      'ar', 'automatic-fullscreen', 'background-fetch', 'background-sync', 'captured-surface-control', 'clipboard-read',
      'clipboard-sanitized-write', 'deprecated-sync-clipboard-read', 'display-capture', 'fileSystem', 'fullscreen',
      'geolocation', 'hand-tracking', 'hid', 'idle-detection', 'keyboardLock', 'local-fonts', 'media', 'mediaKeySystem',
      'midi', 'midiSysex', 'nfc', 'notifications', 'openExternal', 'payment-handler', 'periodic-background-sync',
      'persistent-storage', 'pointerLock', 'screen-wake-lock', 'sensors', 'serial', 'speaker-selection', 'storage-access',
      'system-wake-lock', 'top-level-storage-access', 'usb', 'vr', 'web-app-installation', 'window-management', 'unknown',
      'some-future-permission',
    ];
    for (const name of names) expect(allowPermission(name), name).toBe(false);
    expect(ALLOWED_PERMISSIONS.size).toBe(0);
  });
});
