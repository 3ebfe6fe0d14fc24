import type { MediaFacts, OnScreenText, VideoRecord } from '../../domain/index.js';
import type { Logger } from '../../logging/logger.js';
import type { MediaTools } from '../media-tools.js';
import type { Store } from '../../store/store.js';
import { ON_SCREEN_TEXT_VERSION, measureOnScreenText } from './measure-on-screen-text.js';
import type { TextReader } from './tesseract-text-reader.js';

export interface OnScreenTextCacheDeps {
  store: Store;
  reader: TextReader;
  tools: MediaTools;
  logger: Logger;
}

/** runs its argument with a local file of the video (kept while it runs) */
type LocalFile = <T>(use: (path: string) => Promise<T>, signal?: AbortSignal) => Promise<T>;

interface Reading {
  result: Promise<OnScreenText>;
  controller: AbortController;
  waiters: number;
}

/**
 * The on-screen text of each video, read once and kept with its media facts
 * in the store. Callers asking for the same video share one reading; it is
 * abandoned only when every caller has given up.
 */
export class OnScreenTextCache {
  private readonly reading = new Map<string, Reading>();

  constructor(private readonly deps: OnScreenTextCacheDeps) {}

  /**
   * @param facts loads the video's ordinary facts (they decide which frames are read)
   * @throws the signal's reason when aborted
   */
  async get(record: VideoRecord, file: LocalFile, facts: () => Promise<MediaFacts>, signal?: AbortSignal): Promise<OnScreenText> {
    signal?.throwIfAborted();
    let reading = this.reading.get(record.id);
    if (!reading) {
      const controller = new AbortController();
      const result = this.loadOrMeasure(record, file, facts, controller.signal).finally(() => {
        if (this.reading.get(record.id) === reading) this.reading.delete(record.id);
      });
      reading = { result, controller, waiters: 0 };
      this.reading.set(record.id, reading);
    }
    return this.wait(reading, signal);
  }

  private wait(reading: Reading, signal?: AbortSignal): Promise<OnScreenText> {
    reading.waiters += 1;
    return new Promise<OnScreenText>((resolve, reject) => {
      let done = false;
      const leave = () => {
        if (done) return false;
        done = true;
        signal?.removeEventListener('abort', onAbort);
        reading.waiters -= 1;
        return true;
      };
      const onAbort = () => {
        if (!leave()) return;
        if (reading.waiters === 0) reading.controller.abort(signal?.reason);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      reading.result.then(
        (text) => leave() && resolve(text),
        (error: unknown) => leave() && reject(error),
      );
    });
  }

  private async loadOrMeasure(record: VideoRecord, file: LocalFile, facts: () => Promise<MediaFacts>, signal: AbortSignal): Promise<OnScreenText> {
    const { store, reader, tools, logger } = this.deps;
    const measured = await facts();
    const cached = (await store.getMediaFacts(record.id))?.on_screen_text;
    if (cached && cached.version === ON_SCREEN_TEXT_VERSION) return cached;
    const started = performance.now();
    const text = await file((path) => measureOnScreenText({ path, facts: measured, tools, reader, signal }), signal);
    // saved beside the facts it was read with, so re-measured facts drop stale text
    await store.saveMediaFacts(record.id, { ...measured, on_screen_text: text });
    logger.info({ videoId: record.id, frames: text.sampled_s.length, spans: text.spans.length, ms: Math.round(performance.now() - started) }, 'on-screen text read');
    return text;
  }
}
