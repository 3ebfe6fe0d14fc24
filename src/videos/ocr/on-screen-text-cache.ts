import type { MediaFacts, OnScreenText, VideoRecord } from '../../domain/index.js';
import type { Logger } from '../../logging/logger.js';
import type { FfmpegRunner } from '../../providers/frames/index.js';
import type { MediaTools } from '../media-tools.js';
import { SharedWork } from '../shared-work.js';
import type { Store } from '../../store/store.js';
import { ON_SCREEN_TEXT_VERSION, measureOnScreenText } from './measure-on-screen-text.js';
import type { TextReader } from './tesseract-text-reader.js';

export interface OnScreenTextCacheDeps {
  store: Store;
  reader: TextReader;
  tools: MediaTools;
  logger: Logger;
  /** runs ffmpeg for the frames (default: the shared, process-limited runner); tests count runs through it */
  run?: FfmpegRunner;
}

/** Loads a video's ordinary facts, following the given signal. */
export type FactsLoader = (signal: AbortSignal) => Promise<MediaFacts>;

/** Runs its argument with a local file of the video (kept while it runs). */
export type LocalVideoFile = <T>(use: (path: string) => Promise<T>, signal?: AbortSignal) => Promise<T>;

/**
 * The on-screen text of each video, read once and kept with its media facts
 * in the store. Callers asking for the same video share one reading; it is
 * abandoned (ffmpeg killed, no more frames OCR'd) when every caller has given
 * up, and the next caller starts afresh.
 */
export class OnScreenTextCache {
  private readonly reading = new SharedWork<OnScreenText>();

  constructor(private readonly deps: OnScreenTextCacheDeps) {}

  /** The text already read and cached for this video, or undefined (never reads). */
  async cached(videoId: string): Promise<OnScreenText | undefined> {
    const text = (await this.deps.store.getMediaFacts(videoId))?.on_screen_text;
    return text && text.version === ON_SCREEN_TEXT_VERSION ? text : undefined;
  }

  /**
   * @param facts loads the video's ordinary facts (they decide which frames are read)
   * @throws CancelledError when `signal` aborts first; ToolError when ffmpeg fails
   */
  get(record: VideoRecord, file: LocalVideoFile, facts: FactsLoader, signal?: AbortSignal): Promise<OnScreenText> {
    return this.reading.run(record.id, (readSignal) => this.loadOrMeasure(record, file, facts, readSignal), signal);
  }

  private async loadOrMeasure(record: VideoRecord, file: LocalVideoFile, facts: FactsLoader, signal: AbortSignal): Promise<OnScreenText> {
    const { store, reader, tools, logger, run } = this.deps;
    const measured = await facts(signal);
    const cached = await this.cached(record.id);
    if (cached) return cached;
    const started = performance.now();
    const text = await file((path) => measureOnScreenText({ path, facts: measured, tools, reader, signal, run }), signal);
    try {
      // saved beside the facts it was read with, so re-measured facts drop stale text
      await store.saveMediaFacts(record.id, { ...measured, on_screen_text: text });
    } catch (error) {
      // the text is good; only the cache failed (e.g. a full disk), so the next caller reads again
      logger.warn({ videoId: record.id, err: error }, 'could not cache the on-screen text');
    }
    logger.info({ videoId: record.id, frames: text.sampled_s.length, spans: text.spans.length, ms: Math.round(performance.now() - started) }, 'on-screen text read');
    return text;
  }
}

/** The facts without on-screen text read by an older version of the reading (it will be read again when next asked for). */
export function withCurrentText(facts: MediaFacts): MediaFacts {
  if (!facts.on_screen_text || facts.on_screen_text.version === ON_SCREEN_TEXT_VERSION) return facts;
  const { on_screen_text: _stale, ...rest } = facts;
  return rest;
}
