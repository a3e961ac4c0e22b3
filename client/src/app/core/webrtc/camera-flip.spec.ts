import { facingOfLabel, flipTarget } from './camera-flip';
import type { DeviceOption } from './device-list';

const camera = (deviceId: string, label: string): DeviceOption => ({ deviceId, label, browserLabel: label });

describe('facingOfLabel', () => {
  it('reads Android, iOS and generic labels', () => {
    expect(facingOfLabel('camera2 1, facing front')).toBe('user');
    expect(facingOfLabel('camera2 0, facing back')).toBe('environment');
    expect(facingOfLabel('Front Camera')).toBe('user');
    expect(facingOfLabel('Back Dual Wide Camera')).toBe('environment');
    expect(facingOfLabel('Rear camera')).toBe('environment');
    expect(facingOfLabel('FaceTime HD Camera')).toBeNull();
    expect(facingOfLabel('')).toBeNull();
  });
});

describe('flipTarget', () => {
  const front = camera('f', 'camera2 1, facing front');
  const back = camera('b', 'camera2 0, facing back');
  const wide = camera('w', 'camera2 2, facing back');

  it('moves from the front camera to the back one, and back again', () => {
    expect(flipTarget([back, front], { deviceId: 'f', facingMode: 'user' })).toBe(back);
    expect(flipTarget([back, front], { deviceId: 'b', facingMode: 'environment' })).toBe(front);
  });

  it('skips a second back lens when flipping from the back', () => {
    expect(flipTarget([back, wide, front], { deviceId: 'b', facingMode: 'environment' })).toBe(front);
  });

  it('uses the label when the browser does not report the facing', () => {
    expect(flipTarget([front, wide, back], { deviceId: 'f', facingMode: undefined })).toBe(wide);
    expect(flipTarget([wide, back, front], { deviceId: 'w', facingMode: undefined })).toBe(front);
  });

  it('goes round the list when facings are unknown (two webcams)', () => {
    const a = camera('a', 'USB Camera');
    const b = camera('b2', 'FaceTime HD Camera');
    expect(flipTarget([a, b], { deviceId: 'a', facingMode: undefined })).toBe(b);
    expect(flipTarget([a, b], { deviceId: 'b2', facingMode: undefined })).toBe(a);
  });

  it('offers nothing with a single camera', () => {
    expect(flipTarget([front], { deviceId: 'f', facingMode: 'user' })).toBeNull();
    expect(flipTarget([], { deviceId: undefined, facingMode: undefined })).toBeNull();
  });

  it('takes the first camera when the running one is not listed', () => {
    expect(flipTarget([front, back], { deviceId: 'gone', facingMode: undefined })).toBe(front);
  });
});
