import { Injectable } from '@angular/core';

const KEY = 'parley.displayName';

/**
 * Remembers the name typed in the lobby for the next meeting. Storage can be
 * unavailable (private windows, blocked site data); then names are simply
 * not remembered.
 */
@Injectable({ providedIn: 'root' })
export class DisplayNameStorage {
  load(): string {
    try {
      return globalThis.localStorage?.getItem(KEY) ?? '';
    } catch (error) {
      console.warn('Parley: cannot read the remembered name', error);
      return '';
    }
  }

  save(name: string): void {
    try {
      globalThis.localStorage?.setItem(KEY, name.trim());
    } catch (error) {
      console.warn('Parley: cannot remember the name', error);
    }
  }
}
