import { classifyQuality, type LinkStats } from './network-quality';

const healthy: LinkStats = { lossPercent: 0.2, rttMs: 40, videoKbps: 400, videoExpected: true };

describe('classifyQuality', () => {
  it('rates a clean, fast link with flowing video good', () => {
    expect(classifyQuality(healthy)).toBe('good');
  });

  it('rates 2 % loss fair and 8 % loss poor', () => {
    expect(classifyQuality({ ...healthy, lossPercent: 1.9 })).toBe('good');
    expect(classifyQuality({ ...healthy, lossPercent: 2 })).toBe('fair');
    expect(classifyQuality({ ...healthy, lossPercent: 7.9 })).toBe('fair');
    expect(classifyQuality({ ...healthy, lossPercent: 8 })).toBe('poor');
  });

  it('rates a 300 ms round trip fair and 600 ms poor', () => {
    expect(classifyQuality({ ...healthy, rttMs: 299 })).toBe('good');
    expect(classifyQuality({ ...healthy, rttMs: 300 })).toBe('fair');
    expect(classifyQuality({ ...healthy, rttMs: 600 })).toBe('poor');
  });

  it('rates stuttering video fair and stalled video poor while video is expected', () => {
    expect(classifyQuality({ ...healthy, videoKbps: 29 })).toBe('fair');
    expect(classifyQuality({ ...healthy, videoKbps: 5 })).toBe('poor');
  });

  it('ignores a zero bitrate when the video is paused or the camera is off', () => {
    expect(classifyQuality({ ...healthy, videoKbps: 0, videoExpected: false })).toBe('good');
  });

  it('takes the worst of the measures', () => {
    expect(classifyQuality({ lossPercent: 3, rttMs: 700, videoKbps: 400, videoExpected: true })).toBe('poor');
  });

  it('rates a link good while nothing has been measured yet', () => {
    expect(classifyQuality({ lossPercent: null, rttMs: null, videoKbps: null, videoExpected: true })).toBe('good');
  });
});
