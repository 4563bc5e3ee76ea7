/**
 * The Playground's keys: Space plays or pauses, → steps one mini-batch. Neither fires while the
 * user types or works a control that uses the key itself (a text field's caret, a select's
 * arrows, a button's Space), nor with a modifier held (the browser's and the OS's shortcuts).
 */
export type PlaygroundShortcut = 'play-pause' | 'step';

interface KeyTarget { tagName?: string; isContentEditable?: boolean; disabled?: boolean }
export interface ShortcutKey {
  key: string;
  target: EventTarget | KeyTarget | null;
  altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean;
  repeat?: boolean;
}

/** Elements that take typed keys (inputs of every type, text areas, selects, editable text). */
const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);
/** Elements that Space activates itself. */
const SPACE_ACTIVATES = new Set(['BUTTON', 'A', 'SUMMARY']);

export function shortcutFor(event: ShortcutKey): PlaygroundShortcut | null {
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  const target = (event.target ?? {}) as KeyTarget;
  const tag = (target.tagName ?? '').toUpperCase();
  if (TYPING.has(tag) || target.isContentEditable) return null;
  // a button just disabled (Initialize, once pressed) may keep the focus but no longer takes Space
  const activatesItself = SPACE_ACTIVATES.has(tag) && !target.disabled;
  if (event.key === ' ' || event.key === 'Spacebar') return activatesItself || event.repeat ? null : 'play-pause';
  if (event.key === 'ArrowRight') return 'step';
  return null;
}
