import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { unsupportedMediaType } from '../core/http-errors.js';
import type { BlobStore } from './blob-store.js';
import type { MediaTools } from './media-tools.js';
import type { ProbedVideo } from './probe-video.js';
import { runMediaTool } from './run-media-tool.js';
import { ToolError } from './run-tool.js';

const THUMBNAIL_WIDTH = 320;
/** a thumbnail is a small JPEG; anything larger is not one we made */
const THUMBNAIL_MAX_BYTES = 16 * 1024 * 1024;

/** The blob key of a video's thumbnail (video ids have no dots, so it cannot collide with one). */
export function thumbnailKey(id: string): string {
  return `${id}.jpg`;
}

/** The video id a blob key belongs to: the key itself, or the id of the thumbnail it names. */
export function videoIdOfKey(key: string): string {
  return key.replace(/\.jpg$/, '');
}

async function nonEmptyFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).size > 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Video thumbnails: made by ffmpeg in a local working folder, then kept in
 * the blob store beside their video, so every API node can serve them.
 */
export class VideoThumbnails {
  constructor(private readonly deps: { blobs: BlobStore; tools: MediaTools; workDir: string }) {}

  /**
   * A local JPEG THUMBNAIL_WIDTH wide from ~1 s in (10% in for short videos),
   * or from the first frame when seeking finds none; `store` keeps it.
   * @throws HttpError 415 when no frame can be decoded
   */
  async make(videoPath: string, id: string, probed: ProbedVideo): Promise<string> {
    await mkdir(this.deps.workDir, { recursive: true });
    const target = join(this.deps.workDir, `${id}.jpg`);
    const partial = `${target}.part`;
    const at = Math.min(1, probed.duration_s * 0.1);
    try {
      for (const seek of at > 0 ? [at, 0] : [0]) {
        await runMediaTool(this.deps.tools, 'ffmpeg', [
          '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error', '-y',
          ...(seek > 0 ? ['-ss', seek.toFixed(3)] : []),
          '-i', videoPath,
          '-frames:v', '1', '-an', '-vf', `scale=${THUMBNAIL_WIDTH}:-2`, '-q:v', '4',
          '-f', 'image2', '-c:v', 'mjpeg', partial,
        ], { kind: 'interactive' });
        if (await nonEmptyFile(partial)) {
          await rename(partial, target);
          return target;
        }
      }
    } catch (error) {
      await rm(partial, { force: true });
      if (error instanceof ToolError) {
        throw unsupportedMediaType(`The uploaded file is not a video ffmpeg can decode: ${error.stderrTail.trim().split(/\r?\n/).pop()?.replaceAll(videoPath, 'file') ?? ''}`);
      }
      throw error;
    }
    await rm(partial, { force: true });
    throw unsupportedMediaType('The uploaded file is not a video ffmpeg can decode: no picture could be read from it');
  }

  /** Moves a thumbnail made on local disk into the blob store. */
  async store(id: string, file: string): Promise<void> {
    const { blobs } = this.deps;
    const temp = await blobs.writeTemp(createReadStream(file), { maxBytes: THUMBNAIL_MAX_BYTES });
    try {
      await blobs.commit(temp.tempId, thumbnailKey(id));
    } catch (error) {
      await blobs.discardTemp(temp.tempId);
      throw error;
    }
    await rm(file, { force: true });
  }

  /** The JPEG's bytes, or undefined when there is none. */
  async open(id: string): Promise<Readable | undefined> {
    const key = thumbnailKey(id);
    if (!(await this.deps.blobs.exists(key))) return undefined;
    return this.deps.blobs.openRead(key);
  }

  delete(id: string): Promise<void> {
    return this.deps.blobs.delete(thumbnailKey(id));
  }

  /**
   * Empties the working folder: thumbnails an older version kept there for
   * videos in `known` move into the blob store; the rest (partial ones, of
   * deleted videos) are removed. Returns how many files were removed.
   */
  async sweepWorkDir(known: ReadonlySet<string>): Promise<number> {
    const { workDir, blobs } = this.deps;
    await mkdir(workDir, { recursive: true });
    let removed = 0;
    for (const name of await readdir(workDir)) {
      const id = videoIdOfKey(name);
      if (!name.endsWith('.part') && known.has(id) && !(await blobs.exists(thumbnailKey(id)))) {
        await this.store(id, join(workDir, name));
        continue;
      }
      await rm(join(workDir, name), { force: true });
      removed += 1;
    }
    return removed;
  }
}
