import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { MediaFacts, VideoRecord } from '../domain/index.js';
import type { Logger } from '../logging/logger.js';
import type { VideoAsset } from './video-asset.js';
import { unprocessableContent } from '../core/http-errors.js';
import { isDiskFullError } from '../store/storage-failures.js';
import { freeingSpace, type SpaceReserve } from '../store/space-reserve.js';
import type { Store } from '../store/store.js';
import type { BlobRef, BlobStore, LocalFiles } from './blob-store.js';
import { MEDIA_FACTS_VERSION, measureMediaFacts } from './measure-media-facts.js';
import { assertWithinMediaLimits, type MediaLimits } from './media-limits.js';
import type { MediaTools } from './media-tools.js';
import { OnScreenTextCache } from './ocr/on-screen-text-cache.js';
import type { TextReader } from './ocr/tesseract-text-reader.js';
import { probeVideo, type ProbedVideo } from './probe-video.js';
import { ToolError } from './run-tool.js';
import { cachedSampleVideo } from './sample-video-cache.js';
import { SharedWork } from './shared-work.js';
import { assertStreamsReachDuration } from './stream-end.js';
import { sanitizeFilename, videoContentType } from './upload-names.js';
import { VideoThumbnails, videoIdOfKey } from './video-thumbnails.js';

export interface VideoLibraryDeps {
  store: Store;
  blobs: BlobStore;
  /** local files of the blobs for ffmpeg (the local store itself, or a cache of a remote one) */
  files: LocalFiles;
  tools: MediaTools;
  logger: Logger;
  /** uploads larger than this are refused with 413 */
  maxUploadBytes: number;
  /** thumbnails are made under `<dataDir>/thumbnails/`, then kept in the blob store */
  dataDir: string;
  /**
   * blobs without a record are removed at start-up only once this old: with
   * storage shared by several API nodes, a blob another node committed a
   * moment ago may be about to get its record (default 0: this process is the only writer)
   */
  orphanMinAgeMs?: number;
  /** duration and picture caps checked right after probing an upload */
  limits: MediaLimits;
  /** space set aside so deleting can still write to a full disk */
  spaceReserve?: SpaceReserve;
  /** reads on-screen text (OCR); without it videos offer no `onScreenText` */
  textReader?: TextReader;
}

export interface VideoUpload {
  stream: Readable;
  /** the client's file name; only its last path segment is kept */
  filename: string;
  /** the client's content type; kept only when it is video/* */
  contentType?: string;
}

/** What an upload returns: the stored record, and `duplicate_of` when the same bytes were already stored. */
export type IngestedVideo = VideoRecord & {
  /** set when these bytes (same sha256) were already in the library: the existing video is returned, nothing new is stored */
  duplicate_of?: string;
};

const videoIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** True for ids this library could have issued. Anything else is unknown, never a path. */
export function isValidVideoId(id: string): boolean {
  return videoIdPattern.test(id);
}

function blobRef(record: VideoRecord): BlobRef {
  return { key: record.id, sha256: record.sha256, size: record.size };
}

/** A stream that can be handed out at once and fills when `open` resolves (or fails with its error). */
function deferredStream(open: () => Promise<Readable>): Readable {
  const out = new PassThrough();
  open().then(
    (source) => pipeline(source, out).catch(() => undefined),
    (error: unknown) => out.destroy(error as Error),
  );
  return out;
}
/** the sample videos `addSampleVideos` adds, with the names users see */
const SAMPLE_VIDEOS = [
  { spec: 'cuts-and-silence', filename: 'sample-cuts-and-silence.mp4' },
  { spec: 'three-shots-tone', filename: 'sample-three-shots-tone.mp4' },
] as const;

/**
 * The uploaded videos: ingest (streamed to a temp file, probed, hashed,
 * thumbnailed, then committed and recorded), lookup, deletion, and measured
 * facts (cached in the store, measured at most once at a time per video).
 */
export class VideoLibrary {
  private readonly thumbnails: VideoThumbnails;
  private readonly measuring = new SharedWork<MediaFacts>();
  /** uploads being stored, by sha256: a second identical upload waits for the first and becomes its duplicate */
  private readonly storing = new Map<string, Promise<VideoRecord>>();
  private readonly text: OnScreenTextCache | undefined;

  constructor(private readonly deps: VideoLibraryDeps) {
    this.thumbnails = new VideoThumbnails({ blobs: deps.blobs, tools: deps.tools, workDir: join(deps.dataDir, 'thumbnails') });
    const { store, textReader, tools, logger } = deps;
    this.text = textReader && new OnScreenTextCache({ store, reader: textReader, tools, logger });
  }

  /** uploads larger than this are refused with 413 */
  get maxUploadBytes(): number {
    return this.deps.maxUploadBytes;
  }

  /**
   * Stores an upload. Any failure leaves no file behind. Bytes already in the
   * library (same sha256) are not stored twice: the existing record comes
   * back with `duplicate_of` set to its id.
   * @throws HttpError 413 when larger than maxUploadBytes, 415 when not a video
   */
  ingest(upload: VideoUpload): Promise<IngestedVideo> {
    return this.ingestWithLimit(upload, this.deps.maxUploadBytes);
  }

  async get(id: string): Promise<VideoRecord | undefined> {
    if (!isValidVideoId(id)) return undefined;
    return this.deps.store.getVideo(id);
  }

  /** newest first */
  list(): Promise<VideoRecord[]> {
    return this.deps.store.listVideos();
  }

  /**
   * Removes what a crash can leave behind: partial uploads, partial
   * thumbnails, and video files or thumbnails committed just before their
   * record was written. Thumbnails an older version kept on local disk move
   * into the blob store. Run at start-up, before any upload.
   */
  async sweepInterruptedUploads(): Promise<number> {
    const { blobs, logger } = this.deps;
    const known = new Set((await this.deps.store.listVideos()).map((v) => v.id));
    const minAgeMs = this.deps.orphanMinAgeMs ?? 0;
    const unknown = (await blobs.listKeys()).filter((key) => !known.has(videoIdOfKey(key)));
    const orphans: string[] = [];
    for (const key of unknown) {
      const committedAt = minAgeMs > 0 ? await blobs.committedAt(key) : 0;
      if (committedAt !== undefined && Date.now() - committedAt >= minAgeMs) orphans.push(key);
    }
    await Promise.all(orphans.map((key) => blobs.delete(key)));
    const leftovers = await this.thumbnails.sweepWorkDir(known);
    const removed = (await blobs.clearTemp()) + orphans.length + leftovers;
    if (removed) logger.info({ removed }, 'removed files left by an interrupted upload');
    return removed;
  }

  /**
   * Removes the record, the video file and the thumbnail. False when the id is unknown.
   * On a full disk the space reserve is given up first, and if the database
   * still cannot write, the files are removed before the record.
   */
  async delete(id: string): Promise<boolean> {
    if (!isValidVideoId(id)) return false;
    const { store, spaceReserve, logger } = this.deps;
    const deleteRecord = () => freeingSpace(spaceReserve, () => store.deleteVideo(id));
    let deleted: boolean;
    try {
      // record first: a crash in between leaves an orphan file, never a record without its file
      deleted = await deleteRecord();
    } catch (error) {
      if (!isDiskFullError(error) || !(await store.getVideo(id))) throw error;
      logger.warn({ videoId: id }, 'disk full: removing the video file before its record to make room');
      await this.removeFiles(id);
      deleted = await deleteRecord();
    }
    if (!deleted) return false;
    await this.removeFiles(id);
    logger.info({ videoId: id }, 'video deleted');
    return true;
  }

  private async removeFiles(id: string): Promise<void> {
    await this.deps.blobs.delete(id);
    await this.thumbnails.delete(id);
  }

  /** False when the record exists but its file is gone from the blob store (deleted by hand, lost disk). */
  async hasFile(id: string): Promise<boolean> {
    return isValidVideoId(id) && (await this.deps.blobs.exists(id));
  }

  /** The video as providers see it, or undefined when the id is unknown. */
  async asset(id: string): Promise<VideoAsset | undefined> {
    const record = await this.get(id);
    if (!record) return undefined;
    const { blobs, files } = this.deps;
    const useFile = <T>(use: (path: string) => Promise<T>, signal?: AbortSignal) => files.use(blobRef(record), use, signal);
    const text = this.text;
    return {
      record,
      useFile,
      openStream: () => deferredStream(() => blobs.openRead(id)),
      facts: (signal) => this.facts(record, signal),
      ...(text ? { onScreenText: (signal?: AbortSignal) => text.get(record, useFile, (reading) => this.facts(record, reading), signal) } : {}),
    };
  }

  /**
   * Streams a stored video's bytes, or an inclusive byte range of them.
   * @throws Error when the id is not one this library issues; BlobNotFoundError when its file is gone
   */
  openRead(id: string, range?: { start: number; end: number }): Promise<Readable> {
    if (!isValidVideoId(id)) throw new Error(`Invalid video id ${JSON.stringify(id.slice(0, 80))}`);
    return this.deps.blobs.openRead(id, range);
  }

  /** The thumbnail JPEG's bytes, or undefined when the video or its thumbnail is unknown. */
  async openThumbnail(id: string): Promise<Readable | undefined> {
    if (!isValidVideoId(id)) return undefined;
    return this.thumbnails.open(id);
  }

  /** Generates the built-in sample videos (known cuts and silences; rendered once per machine) and ingests them. */
  async addSampleVideos(): Promise<IngestedVideo[]> {
    const paths = await Promise.all(SAMPLE_VIDEOS.map((sample) => cachedSampleVideo(sample.spec, this.deps.tools)));
    const records: IngestedVideo[] = [];
    for (const [index, sample] of SAMPLE_VIDEOS.entries()) {
      const path = paths[index]!;
      const size = (await stat(path)).size;
      const upload = { stream: createReadStream(path), filename: sample.filename, contentType: 'video/mp4' };
      // our own samples are not held to the user's upload limit
      records.push(await this.ingestWithLimit(upload, Math.max(this.deps.maxUploadBytes, size)));
    }
    return records;
  }

  private async ingestWithLimit(upload: VideoUpload, maxBytes: number): Promise<IngestedVideo> {
    const temp = await this.deps.blobs.writeTemp(upload.stream, { maxBytes });
    // an identical upload still being stored: wait for it (its failure is not ours: then store these bytes)
    await this.storing.get(temp.sha256)?.catch(() => undefined);
    const existing = await this.findBySha256(temp.sha256);
    if (existing) {
      await this.deps.blobs.discardTemp(temp.tempId);
      this.deps.logger.info({ videoId: existing.id }, 'upload matches a stored video: not stored twice');
      return { ...existing, duplicate_of: existing.id };
    }
    const storing = this.storeNew(upload, temp);
    this.storing.set(temp.sha256, storing);
    try {
      return await storing;
    } finally {
      if (this.storing.get(temp.sha256) === storing) this.storing.delete(temp.sha256);
    }
  }

  private async findBySha256(sha256: string): Promise<VideoRecord | undefined> {
    return (await this.deps.store.listVideos()).find((video) => video.sha256 === sha256);
  }

  private async storeNew(upload: VideoUpload, temp: { tempId: string; size: number; sha256: string; path: string }): Promise<VideoRecord> {
    const { blobs, store, tools, logger } = this.deps;
    const id = randomBytes(12).toString('base64url');
    let committed = false;
    let thumbnail: string | undefined;
    try {
      const probed = await probeVideo(temp.path, tools);
      // refuse what is too big or lies about itself before decoding a single frame
      assertWithinMediaLimits(probed, temp.size, this.deps.limits);
      await this.checkStreamEnd(temp.path, probed);
      thumbnail = await this.thumbnails.make(temp.path, id, probed);
      await blobs.commit(temp.tempId, id);
      committed = true;
      await this.thumbnails.store(id, thumbnail);
      const record: VideoRecord = {
        id,
        filename: sanitizeFilename(upload.filename),
        size: temp.size,
        content_type: videoContentType(upload.contentType, upload.filename, probed.format_name),
        duration_s: probed.duration_s,
        width: probed.width,
        height: probed.height,
        fps: probed.fps,
        has_audio: probed.has_audio,
        video_codec: probed.video_codec,
        audio_codec: probed.audio_codec,
        sha256: temp.sha256,
        created_at: new Date().toISOString(),
      };
      await store.insertVideo(record);
      logger.info({ videoId: id, size: record.size, duration_s: record.duration_s }, 'video ingested');
      return record;
    } catch (error) {
      await this.removeLeftovers(temp.tempId, committed ? id : undefined, thumbnail);
      throw error;
    }
  }

  private async removeLeftovers(tempId: string, committedKey: string | undefined, thumbnail: string | undefined): Promise<void> {
    const { blobs } = this.deps;
    const removals = [
      committedKey ? blobs.delete(committedKey) : blobs.discardTemp(tempId),
      committedKey ? this.thumbnails.delete(committedKey) : Promise.resolve(),
      thumbnail ? rm(thumbnail, { force: true }) : Promise.resolve(),
    ];
    for (const result of await Promise.allSettled(removals)) {
      if (result.status === 'rejected') this.deps.logger.error({ err: result.reason }, 'could not remove the files of a failed upload');
    }
  }

  /** @throws HttpError 422 when the packets stop well short of the declared duration, or cannot be read */
  private async checkStreamEnd(path: string, probed: ProbedVideo): Promise<void> {
    try {
      await assertStreamsReachDuration(path, this.deps.tools, probed);
    } catch (error) {
      if (error instanceof ToolError) {
        throw unprocessableContent(`The file's packets could not be read: ${error.stderrTail.trim().split(/\r?\n/).pop()?.replaceAll(path, 'file') || error.message}`);
      }
      throw error;
    }
  }

  /**
   * Cached facts, or a measurement shared by every caller that asks while it
   * runs; it is stopped (ffmpeg killed) when every caller's signal has aborted.
   */
  private facts(record: VideoRecord, signal?: AbortSignal): Promise<MediaFacts> {
    return this.measuring.run(record.id, (measureSignal) => this.loadOrMeasure(record, measureSignal), signal);
  }

  private async loadOrMeasure(record: VideoRecord, signal: AbortSignal): Promise<MediaFacts> {
    const { store, files, tools, logger } = this.deps;
    const cached = await store.getMediaFacts(record.id);
    if (cached && cached.version === MEDIA_FACTS_VERSION) return cached;
    const started = performance.now();
    const facts = await files.use(blobRef(record), (path) => measureMediaFacts(path, tools, record, signal), signal);
    try {
      await store.saveMediaFacts(record.id, facts);
    } catch (error) {
      // the facts are good; only the cache failed (e.g. a full disk), so the next caller measures again
      logger.warn({ videoId: record.id, err: error }, 'could not cache the measured media facts');
    }
    logger.info({ videoId: record.id, ms: Math.round(performance.now() - started) }, 'media facts measured');
    return facts;
  }
}
