import path from 'node:path';
import type { Env } from '../config/env.js';
import type { Logger } from '../logging/logger.js';
import { BlobCache } from '../videos/blob-cache.js';
import type { BlobStore, LocalFiles } from '../videos/blob-store.js';
import { LocalBlobStore } from '../videos/local-blob-store.js';
import { createS3Client, S3BlobStore } from '../videos/s3-blob-store.js';

export interface BlobStorage {
  blobs: BlobStore;
  /** local files of the blobs for ffmpeg: the local store's own files, or a cache of the S3 objects */
  files: LocalFiles;
  /** where the bytes live, for the start-up log */
  describe: string;
  /** how old a blob without a record must be before start-up removes it (shared storage: another node may be storing it) */
  orphanMinAgeMs: number;
}

/** an upload's record follows its blob within seconds; an hour leaves every other API node's upload alone */
const SHARED_ORPHAN_MIN_AGE_MS = 60 * 60 * 1000;

/**
 * Where video bytes live: S3 when VIDCOMPARE_S3_BUCKET is set (uploads are
 * staged, and fetched copies cached, under the data folder), the data folder
 * otherwise. `decorate` wraps the store (tests put faults at this seam).
 */
export function openBlobStorage(env: Env, logger: Logger, decorate?: (blobs: BlobStore) => BlobStore): BlobStorage {
  const dataDir = path.resolve(env.VIDCOMPARE_DATA_DIR);
  const bucket = env.VIDCOMPARE_S3_BUCKET;
  if (!bucket) {
    const local = new LocalBlobStore(dataDir);
    return { blobs: decorate?.(local) ?? local, files: local, describe: `local disk (${path.join(dataDir, 'videos')})`, orphanMinAgeMs: 0 };
  }
  const client = createS3Client({
    endpoint: env.VIDCOMPARE_S3_ENDPOINT,
    region: env.VIDCOMPARE_S3_REGION,
    forcePathStyle: env.VIDCOMPARE_S3_FORCE_PATH_STYLE,
    ...(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? { credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY } }
      : {}),
  });
  const s3 = new S3BlobStore(client, { bucket, prefix: env.VIDCOMPARE_S3_PREFIX, stagingDir: dataDir, logger });
  const blobs = decorate?.(s3) ?? s3;
  const files = new BlobCache({
    blobs,
    dir: path.join(dataDir, 'blob-cache'),
    maxBytes: Math.round(env.VIDCOMPARE_BLOB_CACHE_MB * 1024 * 1024),
    logger,
  });
  return { blobs, files, orphanMinAgeMs: SHARED_ORPHAN_MIN_AGE_MS, describe: `s3://${bucket}/${env.VIDCOMPARE_S3_PREFIX}${env.VIDCOMPARE_S3_ENDPOINT ? ` at ${env.VIDCOMPARE_S3_ENDPOINT}` : ''}` };
}
