import type { ParticipantId, ParticipantInfo } from '@parley/protocol';

/**
 * A ParticipantInfo for specs. Built through one assertion so fields the
 * protocol adds later (with a neutral default here) do not break every spec.
 */
export function participant(id: string, name = id, extra: Partial<ParticipantInfo> = {}): ParticipantInfo {
  const info = {
    id: id as ParticipantId,
    name,
    role: 'guest',
    audioMuted: false,
    videoMuted: false,
    handRaisedAt: null,
    joinedAt: 0,
    ...extra,
  };
  return info as ParticipantInfo;
}
