import type { MediaFacts, OnScreenText, VideoRecord } from '../domain/index.js';

/**
 * A video as providers see it: its record, a way to stream its bytes (never
 * read whole), and the facts measured from it (cached after the first call).
 */
export interface VideoAsset {
  readonly record: VideoRecord;
  /**
   * Runs `use` with a local file of the video (ffmpeg needs a file), fetched
   * from the blob store into a local cache when it is not on this machine;
   * the file stays while `use` runs.
   */
  useFile<T>(use: (path: string) => Promise<T>, signal?: AbortSignal): Promise<T>;
  openStream(): NodeJS.ReadableStream;
  /**
   * Measures (once, then cached) what ffmpeg sees in the video. `signal` stops
   * this caller's wait; a measurement nobody waits for any more is killed.
   */
  facts(signal?: AbortSignal): Promise<MediaFacts>;
  /**
   * The text shown on screen, read by OCR on first need and cached with the
   * facts; absent where no OCR reader is set up.
   * @throws the signal's reason when aborted
   */
  onScreenText?(signal?: AbortSignal): Promise<OnScreenText>;
}
