import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, input, signal, viewChild } from '@angular/core';
import type { ParticipantId } from '@parley/protocol';
import { describeError } from '../core/signaling/signaling-error';
import { Dialog } from '../ui/dialog';
import { Icon } from '../ui/icon';
import { ParticipantsStore } from '../core/call/participants-store';
import { HostActions } from './host-actions';

let nextMenuId = 0;

/**
 * (hosts only) The "Actions for Ada" menu of one other person: "Mute Ada"
 * (while their microphone is on), "Make Ada host" (unless they are one) and
 * "Remove Ada", which asks first. Renders nothing for guests.
 *
 * A menu button (`aria-haspopup="menu"`): Enter, Space or ↓ open it on the
 * first item, ↑/↓/Home/End move, Escape closes it and focus returns to the
 * button, a press elsewhere closes it. The menu is a (manual) popover in the
 * top layer, so a scrolling list cannot clip it.
 */
@Component({
  selector: 'parley-participant-actions',
  imports: [Dialog, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:pointerdown)': 'closeOnOutsidePress($event)' },
  template: `
    @if (amHost()) {
      <button
        #trigger
        type="button"
        class="more"
        aria-haspopup="menu"
        [attr.aria-expanded]="open()"
        [attr.aria-controls]="menuId"
        [attr.aria-label]="'Actions for ' + name()"
        [title]="'Actions for ' + name()"
        (click)="toggleMenu()"
        (keydown.arrowdown)="openMenu($event, 'first')"
        (keydown.arrowup)="openMenu($event, 'last')"
      >
        <parley-icon name="more" />
      </button>
      <div
        #menu
        popover="manual"
        role="menu"
        class="menu"
        [id]="menuId"
        [attr.aria-label]="'Actions for ' + name()"
        (keydown)="moveInMenu($event)"
      >
        @if (!audioMuted()) {
          <button type="button" role="menuitem" tabindex="-1" (click)="muteParticipant()">Mute {{ name() }}</button>
        }
        @if (!isHost()) {
          <button type="button" role="menuitem" tabindex="-1" (click)="promoteParticipant()">Make {{ name() }} host</button>
        }
        <button type="button" role="menuitem" tabindex="-1" class="danger" (click)="askToRemove()">Remove {{ name() }}</button>
      </div>
      <parley-dialog
        [heading]="'Remove ' + name() + ' from the meeting?'"
        [closeButton]="false"
        [width]="420"
        [describedBy]="menuId + '-why'"
        initialFocus="[data-cancel]"
      >
        <p class="why" [id]="menuId + '-why'">They leave at once and cannot come back with their current session.</p>
        <!-- The safe choice gets focus: Enter on a reflex does not remove anyone. -->
        <button dialog-actions data-cancel type="button" class="button secondary" (click)="cancelRemove()">Cancel</button>
        <button dialog-actions type="button" class="button danger" (click)="confirmRemove()">Remove {{ name() }}</button>
      </parley-dialog>
      @if (error(); as message) {
        <p class="error" role="alert">{{ message }}</p>
      }
    }
  `,
  styleUrl: './participant-actions.css',
})
export class ParticipantActions {
  readonly participantId = input.required<string>();
  readonly name = input.required<string>();
  /** Whether they are a host already (no "Make … host" then). */
  readonly isHost = input(false);
  /** Whether their microphone is muted already (no "Mute …" then). */
  readonly audioMuted = input(false);

  private readonly participants = inject(ParticipantsStore);
  private readonly actions = inject(HostActions);
  /** Whether this participant is a host, who alone gets the menu. */
  protected readonly amHost = computed(() => this.participants.self()?.role === 'host');
  private readonly trigger = viewChild<ElementRef<HTMLButtonElement>>('trigger');
  private readonly menu = viewChild<ElementRef<HTMLElement>>('menu');
  private readonly confirm = viewChild(Dialog);

  protected readonly menuId = `parley-participant-actions-${nextMenuId++}`;
  protected readonly open = signal(false);
  protected readonly error = signal<string | null>(null);
  private readonly id = computed(() => this.participantId() as ParticipantId);

  protected toggleMenu(): void {
    if (this.open()) this.closeMenu();
    else this.showMenu('first');
  }

  protected openMenu(event: Event, focus: 'first' | 'last'): void {
    event.preventDefault();
    this.showMenu(focus);
  }

  /** A press anywhere but the menu and its button closes the menu, leaving focus where the press put it. */
  protected closeOnOutsidePress(event: PointerEvent): void {
    if (!this.open()) return;
    const target = event.target as Node | null;
    if (this.menu()?.nativeElement.contains(target) || this.trigger()?.nativeElement.contains(target)) return;
    this.hideMenu();
  }

  /** Arrow keys, Home and End move between items; Escape and Tab close the menu. */
  protected moveInMenu(event: KeyboardEvent): void {
    const items = this.items();
    const at = items.indexOf(event.target as HTMLButtonElement);
    const go = (index: number) => items[(index + items.length) % items.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        go(at + 1);
        break;
      case 'ArrowUp':
        go(at - 1);
        break;
      case 'Home':
        go(0);
        break;
      case 'End':
        go(items.length - 1);
        break;
      case 'Escape':
        this.closeMenu();
        break;
      case 'Tab':
        this.hideMenu();
        return;
      default:
        return;
    }
    event.preventDefault();
  }

  protected async muteParticipant(): Promise<void> {
    this.closeMenu();
    await this.run(`mute ${this.name()}`, () => this.actions.mute(this.id()));
  }

  protected async promoteParticipant(): Promise<void> {
    this.closeMenu();
    await this.run(`make ${this.name()} a host`, () => this.actions.promote(this.id()));
  }

  /** Asks first. However the question closes (Cancel, Escape, Remove), focus goes back to the menu's button. */
  protected askToRemove(): void {
    this.hideMenu();
    this.confirm()?.open({ returnFocusTo: this.trigger()?.nativeElement ?? null });
  }

  protected cancelRemove(): void {
    this.confirm()?.close();
  }

  protected async confirmRemove(): Promise<void> {
    this.confirm()?.close();
    await this.run(`remove ${this.name()}`, () => this.actions.remove(this.id()));
  }

  private showMenu(focus: 'first' | 'last'): void {
    const menu = this.menu()?.nativeElement;
    const trigger = this.trigger()?.nativeElement;
    if (!menu || !trigger) return;
    this.error.set(null);
    if (!menu.matches(':popover-open')) menu.showPopover();
    this.open.set(true);
    placeMenu(menu, trigger);
    const items = this.items();
    (focus === 'first' ? items[0] : items.at(-1))?.focus();
  }

  /** Closes the menu and gives focus back to its button. */
  private closeMenu(): void {
    this.hideMenu();
    this.trigger()?.nativeElement.focus();
  }

  private hideMenu(): void {
    const menu = this.menu()?.nativeElement;
    if (menu?.matches(':popover-open')) menu.hidePopover();
    this.open.set(false);
  }

  private items(): HTMLButtonElement[] {
    return Array.from(this.menu()?.nativeElement.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? []);
  }

  private async run(what: string, action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      this.error.set(`Could not ${what}: ${describeError(error)}`);
    }
  }
}

/** Below the button, right edges aligned; above it when there is no room below; always on screen. */
function placeMenu(menu: HTMLElement, trigger: HTMLElement): void {
  const anchor = trigger.getBoundingClientRect();
  const { width, height } = menu.getBoundingClientRect();
  const margin = 8;
  const below = anchor.bottom + 4;
  const top = below + height > window.innerHeight - margin ? Math.max(margin, anchor.top - 4 - height) : below;
  const left = Math.min(Math.max(margin, anchor.right - width), window.innerWidth - width - margin);
  menu.style.top = `${top}px`;
  menu.style.left = `${left}px`;
}
