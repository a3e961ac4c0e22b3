import { SHORTCUTS, isTypingTarget, shortcutFor, type KeyPress } from './shortcuts';

describe('shortcutFor', () => {
  let scratch: HTMLElement;

  beforeEach(() => {
    scratch = document.createElement('div');
    document.body.append(scratch);
  });

  afterEach(() => scratch.remove());

  /** A key press on `target` (the page body unless given). */
  function press(key: string, init: Partial<KeyPress> = {}): KeyPress {
    return {
      key,
      ctrlKey: false,
      metaKey: false,
      altKey: false,
      shiftKey: false,
      repeat: false,
      isComposing: false,
      defaultPrevented: false,
      target: document.body,
      ...init,
    };
  }

  function add<T extends HTMLElement>(html: string): T {
    scratch.innerHTML = html;
    return scratch.firstElementChild as T;
  }

  it('maps each bare letter of the call to its action', () => {
    expect(shortcutFor(press('m'))).toBe('toggle-microphone');
    expect(shortcutFor(press('v'))).toBe('toggle-camera');
    expect(shortcutFor(press('s'))).toBe('toggle-screen-share');
    expect(shortcutFor(press('c'))).toBe('toggle-chat');
    expect(shortcutFor(press('p'))).toBe('toggle-participants');
    expect(shortcutFor(press('h'))).toBe('toggle-hand');
  });

  it('treats a capital from Caps Lock like the letter', () => {
    expect(shortcutFor(press('M'))).toBe('toggle-microphone');
  });

  it('opens the help with "?", which is typed with Shift', () => {
    expect(shortcutFor(press('?', { shiftKey: true }))).toBe('show-help');
  });

  it('leaves a Shift+letter alone', () => {
    expect(shortcutFor(press('M', { shiftKey: true }))).toBeNull();
  });

  it('ignores keys that are not shortcuts', () => {
    expect(shortcutFor(press('x'))).toBeNull();
    expect(shortcutFor(press('Enter'))).toBeNull();
  });

  it('does not fire while typing in a text field, a textarea or a contenteditable', () => {
    const targets = [
      add('<input type="text">'),
      add('<input>'),
      add('<input type="search">'),
      add('<textarea></textarea>'),
      add('<div contenteditable="true"></div>'),
      add('<select><option>a</option></select>'),
    ];
    for (const target of targets) {
      document.body.append(target);
      for (const key of ['m', 'v', 's', 'c', 'p', 'h']) {
        expect(shortcutFor(press(key, { target }))).withContext(`${key} in ${target.outerHTML}`).toBeNull();
      }
      expect(shortcutFor(press('?', { target, shiftKey: true }))).withContext(target.outerHTML).toBeNull();
      target.remove();
    }
  });

  it('fires from a checkbox or a button, which take no letters', () => {
    expect(shortcutFor(press('m', { target: add('<input type="checkbox">') }))).toBe('toggle-microphone');
    expect(shortcutFor(press('m', { target: add('<button>Chat</button>') }))).toBe('toggle-microphone');
  });

  it('closes a panel with Escape, even from the chat box', () => {
    expect(shortcutFor(press('Escape'))).toBe('close-panel');
    expect(shortcutFor(press('Escape', { target: add('<textarea></textarea>') }))).toBe('close-panel');
  });

  it('leaves a key alone that something already handled', () => {
    expect(shortcutFor(press('Escape', { defaultPrevented: true }))).toBeNull();
    expect(shortcutFor(press('m', { defaultPrevented: true }))).toBeNull();
  });

  it('ignores a held key (auto-repeat) and IME composition', () => {
    expect(shortcutFor(press('m', { repeat: true }))).toBeNull();
    expect(shortcutFor(press('m', { isComposing: true }))).toBeNull();
  });

  it('ignores keys pressed inside a dialog', () => {
    const button = add('<dialog open><button>Done</button></dialog>').querySelector('button');
    expect(shortcutFor(press('m', { target: button }))).toBeNull();
    expect(shortcutFor(press('Escape', { target: button }))).toBeNull();
  });

  it('does not take browser and system combinations (Ctrl+C, Alt+M, ⌘+V)', () => {
    expect(shortcutFor(press('c', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('v', { metaKey: true }))).toBeNull();
    expect(shortcutFor(press('m', { altKey: true }))).toBeNull();
  });

  it("keeps Meet's Ctrl/⌘+D and Ctrl/⌘+E, also while typing", () => {
    const box = add('<textarea></textarea>');
    expect(shortcutFor(press('d', { ctrlKey: true, target: box }))).toBe('toggle-microphone');
    expect(shortcutFor(press('e', { metaKey: true }))).toBe('toggle-camera');
    expect(shortcutFor(press('d', { ctrlKey: true, shiftKey: true }))).toBeNull();
  });

  it('lists every action in the map at most once per key', () => {
    const keys = SHORTCUTS.map((s) => `${s.withCommand ? 'mod+' : ''}${s.key}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('isTypingTarget', () => {
  it('is false for nothing and for non-elements', () => {
    expect(isTypingTarget(null)).toBeFalse();
    expect(isTypingTarget(window)).toBeFalse();
  });
});
