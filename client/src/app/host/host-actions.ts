import { Injectable, inject } from '@angular/core';
import type { ParticipantId } from '@parley/protocol';
import { SignalingClient } from '../core/signaling/signaling-client';

/**
 * What a host does to one person: mute their microphone (enforced by the
 * SFU until they unmute themselves), remove them (their session is revoked),
 * or make them a host too. Each rejects with the gateway's SignalingError;
 * the outcome everyone sees comes back as roster pushes.
 */
@Injectable()
export class HostActions {
  private readonly signaling = inject(SignalingClient);

  async mute(participantId: ParticipantId): Promise<void> {
    await this.signaling.request('host.mute', { participantId });
  }

  async remove(participantId: ParticipantId): Promise<void> {
    await this.signaling.request('host.remove', { participantId });
  }

  async promote(participantId: ParticipantId): Promise<void> {
    await this.signaling.request('host.promote', { participantId });
  }
}
