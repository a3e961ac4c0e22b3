import type { DeviceOption } from './device-list';

/** Which way a camera looks: at the person (`user`, the front camera) or away (`environment`, the back one). */
export type Facing = 'user' | 'environment';

/**
 * A camera's facing as its label gives it: Android Chrome names cameras
 * "camera2 1, facing front", iOS "Front Camera" / "Back Dual Camera",
 * laptops "FaceTime HD Camera" (no facing: null).
 */
export function facingOfLabel(label: string): Facing | null {
  if (/\b(front|user|selfie)\b/i.test(label)) return 'user';
  if (/\b(back|rear|environment|world)\b/i.test(label)) return 'environment';
  return null;
}

/** The camera now running, as the track reports it. */
export interface RunningCamera {
  readonly deviceId: string | undefined;
  /** `MediaTrackSettings.facingMode`, where the browser reports it (phones do). */
  readonly facingMode: string | undefined;
}

/**
 * The camera "Switch camera" moves to: on a phone the one facing the other
 * way (front ↔ back, skipping a second back lens), elsewhere the next one in
 * the browser's list, round. Null when there is no other camera.
 */
export function flipTarget(cameras: readonly DeviceOption[], running: RunningCamera): DeviceOption | null {
  const index = cameras.findIndex((camera) => camera.deviceId === running.deviceId);
  const others = index < 0 ? [...cameras] : [...cameras.slice(index + 1), ...cameras.slice(0, index)];
  if (others.length === 0) return null;
  const current = asFacing(running.facingMode) ?? (index < 0 ? null : facingOfLabel(cameras[index]?.browserLabel ?? ''));
  if (current !== null) {
    const opposite = others.find((camera) => {
      const facing = facingOfLabel(camera.browserLabel);
      return facing !== null && facing !== current;
    });
    if (opposite) return opposite;
  }
  return others[0] ?? null;
}

/** Whether a preview of this camera should be mirrored: the front camera (or an unknown one, usually a webcam), not the back. */
export function mirrorsPreview(track: MediaStreamTrack | null): boolean {
  return track?.getSettings().facingMode !== 'environment';
}

function asFacing(mode: string | undefined): Facing | null {
  return mode === 'user' || mode === 'environment' ? mode : null;
}
