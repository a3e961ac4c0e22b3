import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { describeError } from '../core/signaling/signaling-error';
import { KnockQueue, type Knock } from './knock-queue';

/**
 * (hosts) "Ada wants to join", with "Admit" and "Deny", for everyone
 * waiting in the lobby, oldest first. Each new knock is also said through
 * a polite live region (the buttons stay out of it, so only the news is read).
 * A prompt goes when answered here, by another host, or when the knocker leaves.
 */
@Component({
  selector: 'parley-knock-prompts',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="visually-hidden" role="status">{{ announcement() }}</p>
    @if (queue.knocks().length > 0) {
      <section class="prompts" aria-label="People waiting to join">
        @for (knock of queue.knocks(); track knock.requestId) {
          <div class="prompt" role="group" [attr.aria-label]="knock.name + ' wants to join'" [attr.data-request-id]="knock.requestId">
            <p class="who"><strong>{{ knock.name }}</strong> wants to join</p>
            <div class="answers">
              <button
                type="button"
                class="button secondary"
                [attr.aria-label]="'Deny ' + knock.name"
                [disabled]="answering().has(knock.requestId)"
                (click)="answerKnock(knock, false)"
              >
                Deny
              </button>
              <button
                type="button"
                class="button primary"
                [attr.aria-label]="'Admit ' + knock.name"
                [disabled]="answering().has(knock.requestId)"
                (click)="answerKnock(knock, true)"
              >
                Admit
              </button>
            </div>
          </div>
        }
        @if (error(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
      </section>
    }
  `,
  styles: `
    :host {
      position: fixed;
      top: max(56px, calc(env(safe-area-inset-top) + 48px));
      right: max(12px, env(safe-area-inset-right));
      z-index: 25;
      width: min(22rem, calc(100vw - 24px));
    }
    .prompts {
      display: grid;
      gap: 8px;
      max-height: calc(100dvh - 200px);
      overflow-y: auto;
    }
    .prompt {
      display: grid;
      gap: 10px;
      padding: 14px 16px;
      border: 1px solid var(--border);
      border-radius: 12px;
      background: var(--surface-2);
      box-shadow: 0 10px 28px rgb(0 0 0 / 0.45);
    }
    .who {
      margin: 0;
      overflow-wrap: anywhere;
      line-height: 1.4;
    }
    .answers {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
    }
    .answers .button {
      min-height: 40px;
      padding: 0 18px;
    }
    .error {
      margin: 0;
      padding: 8px 12px;
      border-radius: 8px;
      background: rgb(229 72 77 / 0.95);
      color: #fff;
      font-size: 0.9rem;
    }
    @media (max-width: 600px) {
      :host {
        left: 12px;
        right: 12px;
        width: auto;
      }
    }
  `,
})
export class KnockPrompts {
  protected readonly queue = inject(KnockQueue);
  /** Requests being answered, whose buttons wait for the gateway. */
  protected readonly answering = signal<ReadonlySet<string>>(new Set());
  protected readonly error = signal<string | null>(null);
  /** The newest knock, for the live region. */
  protected readonly announcement = computed(() => {
    const newest = this.queue.knocks().at(-1);
    return newest ? `${newest.name} wants to join` : '';
  });

  protected async answerKnock(knock: Knock, admit: boolean): Promise<void> {
    this.error.set(null);
    this.answering.update((set) => new Set(set).add(knock.requestId));
    try {
      await this.queue.answer(knock.requestId, admit);
    } catch (error) {
      this.error.set(`Could not ${admit ? 'admit' : 'deny'} ${knock.name}: ${describeError(error)}`);
    } finally {
      this.answering.update((set) => {
        const next = new Set(set);
        next.delete(knock.requestId);
        return next;
      });
    }
  }
}
