import { MediaDeviceFailure, describeMediaFailure, mediaDeviceFailureOf } from './media-device-failure';

describe('mediaDeviceFailureOf', () => {
  const cases: [string, MediaDeviceFailure][] = [
    ['NotAllowedError', MediaDeviceFailure.PermissionDenied],
    ['SecurityError', MediaDeviceFailure.PermissionDenied],
    ['NotFoundError', MediaDeviceFailure.NotFound],
    ['OverconstrainedError', MediaDeviceFailure.NotFound],
    ['NotReadableError', MediaDeviceFailure.DeviceInUse],
    ['TrackStartError', MediaDeviceFailure.DeviceInUse],
    ['TypeError', MediaDeviceFailure.Other],
  ];
  for (const [name, failure] of cases) {
    it(`maps a ${name} to ${failure}`, () => {
      expect(mediaDeviceFailureOf(new DOMException('x', name))).toBe(failure);
    });
  }

  it('maps something that is not an error to other', () => {
    expect(mediaDeviceFailureOf('nope')).toBe(MediaDeviceFailure.Other);
  });

  it('explains a denied camera in words that name the camera', () => {
    expect(describeMediaFailure(MediaDeviceFailure.PermissionDenied, 'camera')).toContain('not allowed to use your camera');
  });
});
