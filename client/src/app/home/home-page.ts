import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { newRoomId } from '@parley/protocol';
import { Icon } from '../ui/icon';
import { InstallButton } from '../pwa/install-button';
import { parseRoomInput } from './room-link';

/** The start screen: make a new meeting, or join one by code or link. */
@Component({
  selector: 'parley-home-page',
  imports: [Icon, InstallButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './home-page.html',
  styleUrl: './home-page.css',
})
export class HomePage {
  private readonly router = inject(Router);

  protected readonly joinError = signal<string | null>(null);

  protected startMeeting(): void {
    void this.router.navigate(['/r', newRoomId()]);
  }

  protected joinMeeting(event: SubmitEvent, input: string): void {
    event.preventDefault();
    const room = parseRoomInput(input);
    if (!room) {
      this.joinError.set('That is not a meeting code or link. A code looks like k7tpw-q3mzr-9xa2b-ncd4e.');
      return;
    }
    this.joinError.set(null);
    void this.router.navigate(['/r', room]);
  }

  protected clearError(): void {
    this.joinError.set(null);
  }
}
