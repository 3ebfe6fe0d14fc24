import type { TimeSpan } from './media-facts.js';

/** Text seen on screen over a span of the video, read by OCR from sampled frames. */
export interface TextSpan extends TimeSpan {
  /** the clearest reading of the text (one line) */
  text: string;
  /** mean OCR confidence over the frames that showed it, 0-100 */
  confidence: number;
  /** how many sampled frames showed it */
  frames: number;
}

/**
 * The on-screen text of a video. Measured apart from the other facts (OCR is
 * slow), on first need, and cached beside them.
 */
export interface OnScreenText {
  /** bump when the reading changes so cached text is read again */
  version: number;
  /** seconds of the sampled frames, ascending */
  sampled_s: number[];
  spans: TextSpan[];
}
