/**
 * Keyboard focus for a modal dialog: into the dialog when it opens (its first field), around
 * inside it with Tab and Shift+Tab, and back to whatever opened it when it closes.
 */
import { onBeforeUnmount, onMounted, type Ref } from 'vue';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function focusableIn(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest('[hidden], [inert]'));
}

export function useDialogFocus(dialog: Readonly<Ref<HTMLElement | null>>): { onKeydown: (event: KeyboardEvent) => void } {
  let opener: HTMLElement | null = null;
  onMounted(() => {
    opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const root = dialog.value;
    if (!root) return;
    // the first field, past the header's Close button: that is where the work starts
    const fields = focusableIn(root);
    (fields.find((el) => el.matches('input, select, textarea')) ?? fields[0])?.focus();
  });
  onBeforeUnmount(() => {
    if (opener?.isConnected) opener.focus();
  });
  function onKeydown(event: KeyboardEvent): void {
    const root = dialog.value;
    if (event.key !== 'Tab' || !root) return;
    const items = focusableIn(root);
    if (items.length === 0) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }
  return { onKeydown };
}
