import type { SfuStreamSetting } from './sfu';

/** How a client shows one remote video (from `media.view`), in device pixels. */
export interface StreamView {
  readonly visible: boolean;
  readonly width: number;
  readonly height: number;
}

/** Assumed full-layer height when the publisher did not say (a 720p camera). */
export const DEFAULT_PUBLISHED_HEIGHT = 720;

/**
 * A layer may be shown up to this much larger than it is sent before the
 * next one up is worth its bitrate (a 1.25× upscale is hard to see).
 */
const UPSCALE_TOLERANCE = 1.25;

/**
 * Picks how to forward one simulcast video for one viewer: paused when it is
 * not visible, else the smallest of the three layers (¼, ½, full height)
 * that fills the tile without visible upscaling. The top layer goes only to
 * tiles nearly as large as the camera itself.
 */
export function chooseLayer(mid: string, view: StreamView, publishedHeight: number | undefined): SfuStreamSetting {
  if (!view.visible || view.width <= 0 || view.height <= 0) return { mid, send: false };
  const full = publishedHeight ?? DEFAULT_PUBLISHED_HEIGHT;
  const layers = [full / 4, full / 2, full] as const;
  const wanted = view.height / UPSCALE_TOLERANCE;
  const substream = layers.findIndex((height) => height >= wanted);
  return { mid, send: true, substream: substream === -1 ? 2 : (substream as 0 | 1 | 2) };
}
