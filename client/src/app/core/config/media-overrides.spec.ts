import { parseMediaOverrides } from './media-overrides';

describe('parseMediaOverrides', () => {
  it('reads width, height and frame rate from e2e-video', () => {
    expect(parseMediaOverrides('?e2e-video=320x180@15').video).toEqual({
      width: { ideal: 320 },
      height: { ideal: 180 },
      frameRate: { ideal: 15, max: 15 },
    });
  });

  it('leaves the frame rate alone when e2e-video has none', () => {
    expect(parseMediaOverrides('?e2e-video=160x90').video).toEqual({ width: { ideal: 160 }, height: { ideal: 90 } });
  });

  it('ignores a malformed e2e-video value', () => {
    expect(parseMediaOverrides('?e2e-video=huge').video).toBeUndefined();
  });

  it('turns simulcast into one encoding with e2e-simulcast=off', () => {
    expect(parseMediaOverrides('?e2e-simulcast=off').encodings?.length).toBe(1);
  });

  it('turns layer selection off with e2e-layers=off', () => {
    expect(parseMediaOverrides('?e2e-layers=off').layerSelection).toBeFalse();
  });

  it('overrides nothing without test parameters', () => {
    expect(parseMediaOverrides('?foo=bar')).toEqual({});
  });
});
