/**
 * Which web permissions the app's window may have. The renderer draws charts and talks to the
 * API; it uses no camera, microphone, notifications, clipboard, geolocation, fullscreen, MIDI,
 * HID/serial/USB devices or any other permission-gated web API, so every request and every
 * check is denied. Electron grants most of them by default when no handler is set; index.ts
 * installs this policy on the window's session. Pure, so it is testable without Electron.
 */

/** Permissions the app uses: none. A feature that needs one adds its name here, with the reason. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set<string>();

/** Whether the renderer may have `permission` (an Electron permission name such as 'media'). */
export function allowPermission(permission: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission);
}
