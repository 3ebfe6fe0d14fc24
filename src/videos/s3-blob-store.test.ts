import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll } from 'vitest';
import { startS3StandIn, type S3StandIn } from '../../test/stand-ins/s3-stand-in.js';
import { createLogger } from '../logging/logger.js';
import { describeBlobStoreContract } from './blob-store-contract.js';
import { createS3Client, S3BlobStore } from './s3-blob-store.js';

let server: S3StandIn;
beforeAll(async () => {
  server = await startS3StandIn();
});
afterAll(() => server?.close());

let buckets = 0;
describeBlobStoreContract('S3 (s3rver stand-in)', async (root) => {
  const client = createS3Client({ endpoint: server.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: server.credentials });
  // a bucket per test, so each starts empty
  const bucket = `contract-${++buckets}`;
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  return new S3BlobStore(client, { bucket, prefix: 'videos/', stagingDir: root, logger: createLogger('silent') });
});
