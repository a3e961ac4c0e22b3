/** What a keyboard shortcut of the call does. */
export type ShortcutAction =
  | 'toggle-microphone'
  | 'toggle-camera'
  | 'toggle-screen-share'
  | 'toggle-chat'
  | 'toggle-participants'
  | 'toggle-hand'
  | 'toggle-reactions'
  | 'show-help'
  | 'close-panel';

/** One entry of the shortcut map: the key as people read it, and what it does. */
export interface Shortcut {
  /** `KeyboardEvent.key`, lower case for letters. */
  readonly key: string;
  /** How the help dialog writes the key ("M", "Ctrl + D", "Esc"). */
  readonly keys: string;
  readonly action: ShortcutAction;
  /** What the help dialog says it does. */
  readonly description: string;
  /**
   * True for Ctrl/⌘ combinations: they type nothing, so they also work
   * while the cursor is in a text field (Meet's Ctrl+D and Ctrl+E).
   */
  readonly withCommand?: boolean;
}

/**
 * Every shortcut of the call, in the order the help dialog lists them. The
 * one place they are defined: the handler (CallShortcuts) and the help
 * dialog both read this list, so they cannot disagree.
 *
 * Single letters follow what people know from Meet, Teams and Zoom web
 * without their modifier soup; they never fire while someone types (see
 * {@link isTypingTarget}), which is what makes bare letters safe.
 */
export const SHORTCUTS: readonly Shortcut[] = [
  { key: 'm', keys: 'M', action: 'toggle-microphone', description: 'Mute or unmute your microphone' },
  { key: 'v', keys: 'V', action: 'toggle-camera', description: 'Turn your camera off or on' },
  { key: 's', keys: 'S', action: 'toggle-screen-share', description: 'Share your screen or stop sharing' },
  { key: 'c', keys: 'C', action: 'toggle-chat', description: 'Open or close the chat' },
  { key: 'p', keys: 'P', action: 'toggle-participants', description: 'Open or close the participants list' },
  { key: 'h', keys: 'H', action: 'toggle-hand', description: 'Raise or lower your hand' },
  { key: 'r', keys: 'R', action: 'toggle-reactions', description: 'Open or close the reactions' },
  { key: '?', keys: '?', action: 'show-help', description: 'Show these keyboard shortcuts' },
  { key: 'escape', keys: 'Esc', action: 'close-panel', description: 'Close the chat or participants panel' },
  { key: 'd', keys: 'Ctrl + D', action: 'toggle-microphone', description: 'Mute or unmute (also while typing)', withCommand: true },
  { key: 'e', keys: 'Ctrl + E', action: 'toggle-camera', description: 'Camera off or on (also while typing)', withCommand: true },
];

/** The parts of a KeyboardEvent the map reads (so specs can pass plain objects). */
export type KeyPress = Pick<
  KeyboardEvent,
  'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'repeat' | 'isComposing' | 'defaultPrevented' | 'target'
>;

/** Input types that take typed text; a checkbox or a button takes no letters. */
const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date', 'time', 'datetime-local', 'month', 'week']);

/**
 * True when a key pressed in `target` is typing (or choosing: a select's
 * type-ahead), so a bare-letter shortcut must not fire: text inputs,
 * textareas, selects and anything contenteditable.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(target.type);
  return target instanceof HTMLElement && target.isContentEditable;
}

/**
 * The action a key press asks for, or null when it is none of ours or must
 * be left alone: already handled (a panel's own Escape), auto-repeated (a
 * held M must not flicker the microphone), mid-composition (IME), typed
 * into a text field, or pressed inside a dialog (which is modal: the call's
 * controls are not what the person is working with).
 */
export function shortcutFor(event: KeyPress): ShortcutAction | null {
  if (event.defaultPrevented || event.repeat || event.isComposing || event.altKey) return null;
  if (event.target instanceof Element && event.target.closest('dialog')) return null;
  const key = event.key.toLowerCase();
  const command = event.ctrlKey || event.metaKey;
  if (command) {
    if (event.shiftKey) return null;
    return SHORTCUTS.find((s) => s.withCommand && s.key === key)?.action ?? null;
  }
  const shortcut = SHORTCUTS.find((s) => !s.withCommand && s.key === key);
  if (!shortcut) return null;
  // "?" is typed with Shift on most layouts; a letter with Shift is someone's capital, not a shortcut.
  if (event.shiftKey && key !== '?') return null;
  // Escape types nothing: it closes a panel even from the chat box (whose own handler runs first).
  if (key !== 'escape' && isTypingTarget(event.target)) return null;
  return shortcut.action;
}
