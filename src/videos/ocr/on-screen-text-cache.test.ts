import { beforeAll, describe, expect, it } from 'vitest';
import type { MediaFacts, OnScreenText, VideoRecord } from '../../domain/index.js';
import { silentLogger } from '../../logging/logger.js';
import { runFfmpegBinary, type FfmpegRunner } from '../../providers/frames/index.js';
import { CancelledError } from '../../core/provider-error.js';
import { MemoryVideoStore } from '../__fixtures__/memory-video-store.js';
import { measureMediaFacts } from '../measure-media-facts.js';
import { resolveMediaTools } from '../media-tools.js';
import { probeVideo } from '../probe-video.js';
import { cachedSampleVideo } from '../sample-video-cache.js';
import type { OcrLine } from './merge-text-spans.js';
import { ON_SCREEN_TEXT_VERSION } from './measure-on-screen-text.js';
import { OnScreenTextCache, withCurrentText } from './on-screen-text-cache.js';
import type { TextReader } from './tesseract-text-reader.js';

const tools = resolveMediaTools({});

/** A reader that reads "HELLO WORLD" in every frame, but only once let through; it counts reads and sees their signals. */
function gatedReader() {
  const reads: AbortSignal[] = [];
  let open = false;
  const waiting: (() => void)[] = [];
  const reader: TextReader = {
    async read(_image, signal) {
      signal?.throwIfAborted();
      reads.push(signal!);
      if (!open) await new Promise<void>((resolve) => waiting.push(resolve));
      signal?.throwIfAborted();
      return [{ text: 'HELLO WORLD', confidence: 95 }] satisfies OcrLine[];
    },
    close: async () => undefined,
  };
  return {
    reader,
    reads,
    release() {
      open = true;
      waiting.splice(0).forEach((resolve) => resolve());
    },
  };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('OnScreenTextCache', () => {
  let path: string;
  let facts: MediaFacts;
  const record = { id: 'video-1' } as VideoRecord;

  beforeAll(async () => {
    path = await cachedSampleVideo('three-shots-tone', tools);
    facts = await measureMediaFacts(path, tools, await probeVideo(path, tools));
  });

  function setUp() {
    const store = new MemoryVideoStore().asStore();
    const gate = gatedReader();
    let extractions = 0;
    const run: FfmpegRunner = (t, args, options) => {
      extractions += 1;
      return runFfmpegBinary(t, args, options);
    };
    const cache = new OnScreenTextCache({ store, reader: gate.reader, tools, logger: silentLogger(), run });
    const loadFacts = async () => facts;
    return { store, gate, cache, loadFacts, extractions: () => extractions };
  }

  it('shares one reading between callers, OCRs each frame once, caches it with the facts, and reads nothing on the next call', async () => {
    const { store, gate, cache, loadFacts, extractions } = setUp();
    const first = cache.get(record, (use) => use(path), loadFacts);
    const second = cache.get(record, (use) => use(path), loadFacts);
    await until(() => gate.reads.length > 0);
    gate.release();
    const [a, b] = await Promise.all([first, second]);
    expect(b).toEqual(a);
    expect(a.spans).toEqual([{ start_s: 0, end_s: facts.duration_s, text: 'HELLO WORLD', confidence: 95, frames: a.sampled_s.length }]);
    expect(gate.reads).toHaveLength(a.sampled_s.length);
    expect(new Set(a.sampled_s).size).toBe(a.sampled_s.length);
    expect((await store.getMediaFacts(record.id))?.on_screen_text).toEqual(a);
    expect(await cache.cached(record.id)).toEqual(a);

    const ran = extractions();
    expect(ran).toBeGreaterThan(0);
    await expect(cache.get(record, (use) => use(path), loadFacts)).resolves.toEqual(a);
    expect(gate.reads).toHaveLength(a.sampled_s.length);
    expect(extractions()).toBe(ran);
  });

  it('keeps reading while one caller still waits, and stops (nothing cached) when the last one leaves', async () => {
    const { store, gate, cache, loadFacts } = setUp();
    const leaving = new AbortController();
    const staying = new AbortController();
    const first = cache.get(record, (use) => use(path), loadFacts, leaving.signal);
    const second = cache.get(record, (use) => use(path), loadFacts, staying.signal);
    await until(() => gate.reads.length > 0);
    leaving.abort();
    await expect(first).rejects.toBeInstanceOf(CancelledError);
    expect(gate.reads[0]!.aborted).toBe(false);
    staying.abort();
    await expect(second).rejects.toBeInstanceOf(CancelledError);
    expect(gate.reads[0]!.aborted).toBe(true);
    const readsBeforeStop = gate.reads.length;
    gate.release();

    // a new caller starts afresh rather than joining the abandoned reading
    const text: OnScreenText = await cache.get(record, (use) => use(path), loadFacts);
    expect(text.spans.map((span) => span.text)).toEqual(['HELLO WORLD']);
    expect(gate.reads.length - readsBeforeStop).toBe(text.sampled_s.length);
    expect((await store.getMediaFacts(record.id))?.on_screen_text).toEqual(text);
  });

  it('takes its frames within the shared media-process limit, and leaves the queue when nobody waits any more', async () => {
    const oneProcess = resolveMediaTools({}, { processes: 1 });
    const gate = gatedReader();
    gate.release();
    const cache = new OnScreenTextCache({ store: new MemoryVideoStore().asStore(), reader: gate.reader, tools: oneProcess, logger: silentLogger() });
    const loadFacts = async () => facts;

    const holding = await oneProcess.processes.acquire('interactive');
    const caller = new AbortController();
    const abandoned = cache.get(record, (use) => use(path), loadFacts, caller.signal);
    await until(() => oneProcess.processes.stats.waiting === 1);
    caller.abort();
    await expect(abandoned).rejects.toBeInstanceOf(CancelledError);
    await until(() => oneProcess.processes.stats.waiting === 0);

    const reading = cache.get(record, (use) => use(path), loadFacts);
    await until(() => oneProcess.processes.stats.waiting === 1);
    expect(gate.reads).toHaveLength(0);
    holding();
    const text = await reading;
    expect(gate.reads).toHaveLength(text.sampled_s.length);
    expect(oneProcess.processes.stats).toEqual({ running: 0, waiting: 0 });
  });

  it('drops cached text read by an older version of the reading', () => {
    const stale = { ...facts, on_screen_text: { version: ON_SCREEN_TEXT_VERSION - 1, sampled_s: [], spans: [] } };
    expect(withCurrentText(stale)).not.toHaveProperty('on_screen_text');
    const current = { ...facts, on_screen_text: { version: ON_SCREEN_TEXT_VERSION, sampled_s: [], spans: [] } };
    expect(withCurrentText(current)).toBe(current);
  });
});
