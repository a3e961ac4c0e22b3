import { chooseLayer, type PublishedVideo } from './layer-policy';

/** A simulcast camera sent at `height` at full size. */
const camera = (height?: number): PublishedVideo => (height === undefined ? { simulcast: true } : { simulcast: true, height });
/** A screen share: one encoding, no layers. */
const screen: PublishedVideo = { simulcast: false, height: 720 };

describe('chooseLayer', () => {
  it('pauses a video that is not visible', () => {
    expect(chooseLayer('1', { visible: false, width: 640, height: 360 }, camera(720))).toEqual({ mid: '1', send: false });
  });

  it('pauses a video shown at zero size', () => {
    expect(chooseLayer('1', { visible: true, width: 0, height: 0 }, camera(720))).toEqual({ mid: '1', send: false });
  });

  it('sends the lowest layer to a thumbnail', () => {
    expect(chooseLayer('1', { visible: true, width: 320, height: 180 }, camera(720)).substream).toBe(0);
  });

  it('sends the middle layer to a mid-sized tile', () => {
    expect(chooseLayer('1', { visible: true, width: 640, height: 360 }, camera(720)).substream).toBe(1);
  });

  it('sends the top layer only to a tile nearly as large as the camera', () => {
    expect(chooseLayer('1', { visible: true, width: 1280, height: 720 }, camera(720)).substream).toBe(2);
    expect(chooseLayer('1', { visible: true, width: 1920, height: 1080 }, camera(720)).substream).toBe(2);
  });

  it('tolerates a slight upscale before moving up a layer', () => {
    // 225 px tall is 1.25× the 180 px low layer of a 720p camera.
    expect(chooseLayer('1', { visible: true, width: 400, height: 225 }, camera(720)).substream).toBe(0);
    expect(chooseLayer('1', { visible: true, width: 420, height: 236 }, camera(720)).substream).toBe(1);
  });

  it('scales the layers to the published height', () => {
    // A 180p camera sends 45, 90 and 180 px layers.
    expect(chooseLayer('1', { visible: true, width: 160, height: 90 }, camera(180)).substream).toBe(1);
    expect(chooseLayer('1', { visible: true, width: 80, height: 45 }, camera(180)).substream).toBe(0);
  });

  it('assumes a 720p camera when the publisher did not give its size', () => {
    expect(chooseLayer('1', { visible: true, width: 640, height: 360 }, camera()).substream).toBe(1);
  });

  it('only resumes a visible video without simulcast, never naming a layer', () => {
    expect(chooseLayer('2', { visible: true, width: 320, height: 180 }, screen)).toEqual({ mid: '2', send: true });
    expect(chooseLayer('2', { visible: true, width: 1920, height: 1080 }, screen)).toEqual({ mid: '2', send: true });
  });

  it('pauses a video without simulcast that nobody sees', () => {
    expect(chooseLayer('2', { visible: false, width: 0, height: 0 }, screen)).toEqual({ mid: '2', send: false });
  });
});
