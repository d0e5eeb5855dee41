import { useEffect, useRef, useState } from 'react';

/**
 * The console's single-key shortcuts: P pauses or resumes the clock, R releases the next
 * inject. They act only when the focus is not where a key types something (a text field,
 * a list box) and no dialog is open, and they can be switched off (WCAG 2.1.4): the
 * choice is kept in this browser.
 */
export const SHORTCUT_KEYS = { pause: 'p', release: 'r' } as const;
export type ShortcutKey = (typeof SHORTCUT_KEYS)[keyof typeof SHORTCUT_KEYS];

const STORAGE_KEY = 'cbmex.console.shortcuts';

/** Whether a key pressed on this element would type or choose something there. */
export function typesHere(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'image', 'range', 'color', 'file'].includes(el.type);
  }
  return el.closest('[role="textbox"], [role="combobox"], [role="listbox"], [role="slider"]') !== null;
}

/** The shortcut a key event asks for, if any; by the key typed or, on another layout, by where it sits (KeyP). */
export function shortcutOf(e: KeyboardEvent): ShortcutKey | null {
  if (e.defaultPrevented || e.repeat || e.ctrlKey || e.metaKey || e.altKey) return null;
  if (typesHere(e.target) || document.querySelector('dialog[open]')) return null;
  for (const k of Object.values(SHORTCUT_KEYS)) {
    if (e.key.toLowerCase() === k || e.code === `Key${k.toUpperCase()}`) return k;
  }
  return null;
}

/** Calls `handler` when the shortcut `key` is pressed anywhere on the page, while `enabled`. */
export function useShortcut(key: ShortcutKey, enabled: boolean, handler: () => void) {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (shortcutOf(e) !== key) return;
      e.preventDefault();
      latest.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [key, enabled]);
}

/** Whether the shortcuts are on (by default they are), and the switch. */
export function useShortcutsSetting(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => {
    try {
      return window.localStorage.getItem(STORAGE_KEY) !== 'off';
    } catch {
      return true;
    }
  });
  const set = (value: boolean) => {
    setOn(value);
    try {
      window.localStorage.setItem(STORAGE_KEY, value ? 'on' : 'off');
    } catch {
      // storage switched off: the choice lasts until the page is left
    }
  };
  return [on, set];
}
