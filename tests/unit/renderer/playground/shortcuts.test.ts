import { describe, expect, it } from 'vitest';
import { shortcutFor, type ShortcutKey } from '../../../../src/renderer/src/playground/shortcuts';

const key = (k: string, tagName = 'BODY', extra: Partial<ShortcutKey> = {}): ShortcutKey => ({
  key: k, target: { tagName }, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...extra,
});

describe('Playground keys', () => {
  it('plays or pauses on Space and steps on →, anywhere on the page', () => {
    expect(shortcutFor(key(' '))).toBe('play-pause');
    expect(shortcutFor(key('ArrowRight', 'DIV'))).toBe('step');
    expect(shortcutFor(key('ArrowLeft'))).toBeNull();
  });

  it('leaves the keys to text fields, selects and editable text', () => {
    for (const tag of ['INPUT', 'TEXTAREA', 'SELECT']) {
      expect(shortcutFor(key(' ', tag))).toBeNull();
      expect(shortcutFor(key('ArrowRight', tag))).toBeNull();
    }
    expect(shortcutFor({ ...key('ArrowRight', 'DIV'), target: { tagName: 'DIV', isContentEditable: true } })).toBeNull();
  });

  it('lets a focused button take its own Space, but still steps on →', () => {
    expect(shortcutFor(key(' ', 'BUTTON'))).toBeNull();
    expect(shortcutFor(key('ArrowRight', 'BUTTON'))).toBe('step');
    expect(shortcutFor({ ...key(' '), target: { tagName: 'BUTTON', disabled: true } })).toBe('play-pause');
  });

  it('ignores keys with a modifier and a held-down Space', () => {
    expect(shortcutFor(key('ArrowRight', 'BODY', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(key(' ', 'BODY', { metaKey: true }))).toBeNull();
    expect(shortcutFor(key(' ', 'BODY', { repeat: true }))).toBeNull();
  });
});
