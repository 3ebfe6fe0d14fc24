import { devNull } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import type { Logger } from '../../logging/logger.js';
import type { OcrLine } from './merge-text-spans.js';

/** Reads the lines of text in one image. */
export interface TextReader {
  /**
   * @param image PNG or JPEG bytes
   * @throws the signal's reason when aborted before the read starts
   */
  read(image: Buffer, signal?: AbortSignal): Promise<OcrLine[]>;
  /** Ends the OCR worker, if one was started; a later read starts a new one. */
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);
/** The LSTM-only "best_int" English model shipped in the npm package: no download at run time. */
const langPath = join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');

/**
 * Tesseract (WASM, in a worker thread) with the English model from
 * `@tesseract.js-data/eng`. The worker starts on the first read, is reused by
 * every later one (reads take turns), and ends on `close()`.
 */
export function createTesseractTextReader(logger?: Logger): TextReader {
  let worker: Promise<Worker> | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const start = (): Promise<Worker> => {
    const started = performance.now();
    const created = createWorker('eng', OEM.LSTM_ONLY, {
      langPath,
      gzip: true,
      cacheMethod: 'none',
      errorHandler: (error: unknown) => logger?.error({ err: error }, 'OCR worker failed'),
    }).then(async (ready) => {
      // Automatic page segmentation finds the text regions first and recognises only those. tesseract.js's default
      // treats the whole frame as one block of text, so a busy picture with no text at all cost ~0.5-2.7 s a frame
      // (13x more on the sample videos) and read phantom characters out of the texture.
      // debug_file: Tesseract's own notes ("Estimating resolution as …") would go to the server's stderr between its logs
      await ready.setParameters({ tessedit_pageseg_mode: PSM.AUTO, debug_file: devNull });
      logger?.info({ ms: Math.round(performance.now() - started) }, 'OCR worker started');
      return ready;
    });
    // a worker that failed to start is forgotten, so the next read tries again
    created.catch(() => {
      if (worker === created) worker = undefined;
    });
    return created;
  };

  const readNow = async (image: Buffer, signal?: AbortSignal): Promise<OcrLine[]> => {
    signal?.throwIfAborted();
    worker ??= start();
    const result = await (await worker).recognize(image, {}, { blocks: true, text: false });
    const lines: OcrLine[] = [];
    for (const block of result.data.blocks ?? []) {
      for (const paragraph of block.paragraphs) {
        for (const line of paragraph.lines) lines.push({ text: line.text.trim(), confidence: line.confidence });
      }
    }
    return lines;
  };

  return {
    read(image, signal) {
      const turn = queue.then(() => readNow(image, signal));
      queue = turn.catch(() => undefined);
      return turn;
    },
    async close() {
      const running = worker;
      worker = undefined;
      if (!running) return;
      await queue;
      await (await running.catch(() => undefined))?.terminate();
    },
  };
}
