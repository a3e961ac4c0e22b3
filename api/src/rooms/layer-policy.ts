import type { SfuStreamSetting } from './sfu';

/** How a client shows one remote video (from `media.view`), in device pixels. */
export interface StreamView {
  readonly visible: boolean;
  readonly width: number;
  readonly height: number;
}

/** What the policy knows of a published video. */
export interface PublishedVideo {
  /**
   * True when the SFU holds simulcast layers to choose from. A screen share
   * is sent as one encoding (simulcast layers would cost detail in text),
   * so for it there is nothing to pick, only whether to forward.
   */
  readonly simulcast: boolean;
  /** Full-layer height as the publisher reported it; unknown when absent. */
  readonly height?: number;
}

/** Assumed full-layer height when the publisher did not say (a 720p camera). */
export const DEFAULT_PUBLISHED_HEIGHT = 720;

/**
 * A layer may be shown up to this much larger than it is sent before the
 * next one up is worth its bitrate (a 1.25× upscale is hard to see).
 */
const UPSCALE_TOLERANCE = 1.25;

/**
 * Picks how to forward one video for one viewer: paused when it is not
 * visible; else, for a simulcast video, the smallest of the three layers
 * (¼, ½, full height) that fills the tile without visible upscaling (the top
 * layer goes only to tiles nearly as large as the camera itself). A video
 * without simulcast is only resumed: naming a substream Janus does not have
 * would at best be ignored.
 */
export function chooseLayer(mid: string, view: StreamView, video: PublishedVideo): SfuStreamSetting {
  if (!view.visible || view.width <= 0 || view.height <= 0) return { mid, send: false };
  if (!video.simulcast) return { mid, send: true };
  const full = video.height ?? DEFAULT_PUBLISHED_HEIGHT;
  const layers = [full / 4, full / 2, full] as const;
  const wanted = view.height / UPSCALE_TOLERANCE;
  const substream = layers.findIndex((height) => height >= wanted);
  return { mid, send: true, substream: substream === -1 ? 2 : (substream as 0 | 1 | 2) };
}
