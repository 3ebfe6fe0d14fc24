import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startS3StandIn, type S3StandIn } from '../../test/stand-ins/s3-stand-in.js';
import { ConfigError, parseEnv } from '../config/env.js';
import { createLogger } from '../logging/logger.js';
import { BlobCache } from '../videos/blob-cache.js';
import { LocalBlobStore } from '../videos/local-blob-store.js';
import { S3BlobStore } from '../videos/s3-blob-store.js';
import { openBlobStorage } from './open-blob-storage.js';

const logger = createLogger('silent');

describe('S3 configuration', () => {
  it('reads the S3 variables, with defaults', () => {
    const env = parseEnv({ VIDCOMPARE_S3_BUCKET: 'videos-1', VIDCOMPARE_S3_FORCE_PATH_STYLE: 'true' });
    expect(env).toMatchObject({ VIDCOMPARE_S3_BUCKET: 'videos-1', VIDCOMPARE_S3_REGION: 'us-east-1', VIDCOMPARE_S3_FORCE_PATH_STYLE: true, VIDCOMPARE_S3_PREFIX: 'videos/', VIDCOMPARE_BLOB_CACHE_MB: 10_240 });
    expect(parseEnv({}).VIDCOMPARE_S3_BUCKET).toBeUndefined();
    expect(parseEnv({}).VIDCOMPARE_S3_FORCE_PATH_STYLE).toBe(false);
  });

  it('names the variable that is wrong', () => {
    expect(() => parseEnv({ VIDCOMPARE_S3_BUCKET: 'Not_A_Bucket' })).toThrow(/VIDCOMPARE_S3_BUCKET must be an S3 bucket name/);
    expect(() => parseEnv({ VIDCOMPARE_S3_ENDPOINT: 'minio:9000' })).toThrow(/VIDCOMPARE_S3_ENDPOINT must be an http\(s\):\/\/host\[:port\] URL/);
    expect(() => parseEnv({ VIDCOMPARE_S3_FORCE_PATH_STYLE: 'yes' })).toThrow(/VIDCOMPARE_S3_FORCE_PATH_STYLE/);
    expect(() => parseEnv({ AWS_ACCESS_KEY_ID: 'only-the-id' })).toThrow(ConfigError);
    expect(() => parseEnv({ VIDCOMPARE_S3_PREFIX: '/abs' })).toThrow(/VIDCOMPARE_S3_PREFIX/);
  });
});

describe('openBlobStorage', () => {
  let s3: S3StandIn;
  let dataDir: string;
  beforeAll(async () => {
    s3 = await startS3StandIn();
  });
  afterAll(() => s3?.close());
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'blob-storage-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('uses the data folder when no bucket is set, its files being their own local copies', () => {
    const storage = openBlobStorage(parseEnv({ VIDCOMPARE_DATA_DIR: dataDir }), logger);
    expect(storage.blobs).toBeInstanceOf(LocalBlobStore);
    expect(storage.files).toBe(storage.blobs);
  });

  it('uses the bucket when set, with a cache of fetched files under the data folder', async () => {
    const env = parseEnv({ VIDCOMPARE_DATA_DIR: dataDir, ...s3.env, VIDCOMPARE_S3_PREFIX: 'wired/' });
    const { blobs, files } = openBlobStorage(env, logger);
    expect(blobs).toBeInstanceOf(S3BlobStore);
    expect(files).toBeInstanceOf(BlobCache);
    const temp = await blobs.writeTemp(Readable.from([Buffer.from('through s3')]), { maxBytes: 100 });
    await blobs.commit(temp.tempId, 'clip');
    expect(await text(await blobs.openRead('clip'))).toBe('through s3');
    expect(await readdir(join(dataDir, 'tmp'))).toEqual([]);
    const read = await files.use({ key: 'clip', sha256: temp.sha256, size: temp.size }, async (path) => path);
    expect(read).toBe(join(dataDir, 'blob-cache', temp.sha256));
  });
});
