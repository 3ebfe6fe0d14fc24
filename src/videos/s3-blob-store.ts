import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Logger } from '../logging/logger.js';
import { assertValidRange, BlobNotFoundError, type BlobStore } from './blob-store.js';
import { assertValidBlobKey, isValidBlobKey, LocalBlobStore } from './local-blob-store.js';

/** Resolved S3 settings (from VIDCOMPARE_S3_* and the standard AWS credential variables). */
export interface S3BlobStoreConfig {
  bucket: string;
  /** an S3-compatible server (MinIO, …); unset: AWS */
  endpoint?: string;
  region: string;
  /** `endpoint/bucket/key` instead of `bucket.endpoint/key` (MinIO and most S3-compatible servers need it) */
  forcePathStyle: boolean;
  /** unset: the SDK's default chain (instance role, ~/.aws, …) */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** key prefix inside the bucket, e.g. `videos/` */
  prefix: string;
  /** where uploads in progress are staged before they are kept */
  stagingDir: string;
  logger: Logger;
}

/** Parts uploaded at once, and their size: 4 × 16 MiB in memory at most per upload. */
const UPLOAD_QUEUE_SIZE = 4;
const UPLOAD_PART_SIZE = 16 * 1024 * 1024;

export function createS3Client(config: Pick<S3BlobStoreConfig, 'endpoint' | 'region' | 'forcePathStyle' | 'credentials'>): S3Client {
  return new S3Client({
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
    // S3-compatible servers often lack the newer default checksums; send and check them only where S3 requires them
    ...(config.endpoint ? { requestChecksumCalculation: 'WHEN_REQUIRED' as const, responseChecksumValidation: 'WHEN_REQUIRED' as const } : {}),
  });
}

function isNotFound(error: unknown): boolean {
  if (!(error instanceof S3ServiceException)) return false;
  return error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404;
}

/**
 * Blobs as objects in an S3 bucket under `prefix`. An upload is staged on
 * local disk (it is hashed, measured and probed there), then sent with a
 * multipart upload on `commit`, so no object appears before it is complete.
 * Reads are streamed GETs, with a `Range` for byte ranges.
 */
export class S3BlobStore implements BlobStore {
  private readonly staging: LocalBlobStore;

  constructor(
    private readonly client: S3Client,
    private readonly config: Pick<S3BlobStoreConfig, 'bucket' | 'prefix' | 'stagingDir' | 'logger'>,
  ) {
    this.staging = new LocalBlobStore(config.stagingDir);
  }

  writeTemp(source: Readable, options: { maxBytes: number }): Promise<{ tempId: string; size: number; sha256: string; path: string }> {
    return this.staging.writeTemp(source, options);
  }

  async commit(tempId: string, key: string): Promise<void> {
    const objectKey = this.objectKey(key);
    const file = this.staging.tempFile(tempId);
    if (await this.exists(key)) throw new Error(`Blob ${key} already exists`);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.config.bucket, Key: objectKey, Body: createReadStream(file) },
      queueSize: UPLOAD_QUEUE_SIZE,
      partSize: UPLOAD_PART_SIZE,
      // a failed upload aborts its multipart upload, so no orphan parts are billed
      leavePartsOnError: false,
    });
    await upload.done();
    await this.staging.discardTemp(tempId);
    this.config.logger.debug({ key: objectKey, bucket: this.config.bucket }, 's3: blob stored');
  }

  discardTemp(tempId: string): Promise<void> {
    return this.staging.discardTemp(tempId);
  }

  async openRead(key: string, range?: { start: number; end: number }): Promise<Readable> {
    const objectKey = this.objectKey(key);
    if (range) assertValidRange(range);
    try {
      const response = await this.client.send(
        new GetObjectCommand({ Bucket: this.config.bucket, Key: objectKey, ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }),
      );
      // in Node the body is an http.IncomingMessage (a Readable) with the SDK's helpers mixed in
      return response.Body as Readable;
    } catch (error) {
      if (isNotFound(error)) throw new BlobNotFoundError(key);
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.committedAt(key)) !== undefined;
  }

  async committedAt(key: string): Promise<number | undefined> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: this.objectKey(key) }));
      return head.LastModified?.getTime() ?? 0;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: this.objectKey(key) }));
  }

  async listKeys(): Promise<string[]> {
    const keys: string[] = [];
    const { bucket, prefix } = this.config;
    for await (const page of paginateListObjectsV2({ client: this.client }, { Bucket: bucket, Prefix: prefix })) {
      for (const object of page.Contents ?? []) {
        const key = object.Key?.slice(prefix.length);
        // objects someone else put under the prefix (folders, other tools) are not ours to list or delete
        if (key && isValidBlobKey(key)) keys.push(key);
      }
    }
    return keys;
  }

  clearTemp(): Promise<number> {
    return this.staging.clearTemp();
  }

  private objectKey(key: string): string {
    assertValidBlobKey(key);
    return `${this.config.prefix}${key}`;
  }
}
