import { Injectable, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import type { RequestPayload, RoomSettings } from '@parley/protocol';
import { map, merge } from 'rxjs';
import { SignalingClient } from '../core/signaling/signaling-client';
import { CallSession } from '../core/call/call-session';
import { ParticipantsStore } from '../core/call/participants-store';

/**
 * How the room admits people (lock, password, lobby), as the gateway last
 * said: from each join result, then `room.updated` pushes, which every
 * participant gets whenever a host changes something (the host who changed
 * it included, so the ack needs no folding of its own).
 *
 * Provided by the room page and created with it, so a change pushed while
 * the call view is not yet on screen is not missed.
 */
@Injectable()
export class RoomSettingsStore {
  private readonly signaling = inject(SignalingClient);
  private readonly participants = inject(ParticipantsStore);

  /** Null until the first join. */
  readonly settings = toSignal<RoomSettings | null>(
    merge(inject(CallSession).joins$.pipe(map((join) => join.settings)), this.signaling.push('room.updated')),
    { initialValue: null },
  );
  /** Whether this participant may change the settings and act on others. */
  readonly isHost = computed(() => this.participants.self()?.role === 'host');

  /** Sends a host's change (`host.settings`); rejects with the gateway's SignalingError. */
  change(change: RequestPayload<'host.settings'>): Promise<RoomSettings> {
    return this.signaling.request('host.settings', change);
  }
}
