/**
 * Why a camera or microphone could not be started, in terms the UI can
 * explain (after LiveKit's `MediaDeviceFailure`). Browsers report these as
 * DOMException names that differ between engines and versions.
 */
export enum MediaDeviceFailure {
  /** The person or the browser's settings refused access. */
  PermissionDenied = 'permission-denied',
  /** No such device is connected. */
  NotFound = 'not-found',
  /** The device exists but could not be opened, usually because another app holds it. */
  DeviceInUse = 'device-in-use',
  /** Anything else, including pages served without HTTPS (no `mediaDevices` at all). */
  Other = 'other',
}

/** Which local device a failure is about. */
export type DeviceKind = 'microphone' | 'camera';

/** Maps whatever getUserMedia threw to a {@link MediaDeviceFailure}. */
export function mediaDeviceFailureOf(error: unknown): MediaDeviceFailure {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return MediaDeviceFailure.PermissionDenied;
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return MediaDeviceFailure.NotFound;
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return MediaDeviceFailure.DeviceInUse;
    default:
      return MediaDeviceFailure.Other;
  }
}

/** A sentence for the lobby and call screens. */
export function describeMediaFailure(failure: MediaDeviceFailure, device: DeviceKind): string {
  switch (failure) {
    case MediaDeviceFailure.PermissionDenied:
      return `Parley is not allowed to use your ${device}. Allow it in the browser's site settings, then try again.`;
    case MediaDeviceFailure.NotFound:
      return `No ${device} was found. Connect one and try again.`;
    case MediaDeviceFailure.DeviceInUse:
      return `Your ${device} is in use by another app or could not be started. Close the other app and try again.`;
    case MediaDeviceFailure.Other:
      return `Your ${device} could not be started.`;
  }
}
