import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

export interface S3StandIn {
  /** http://127.0.0.1:PORT */
  endpoint: string;
  bucket: string;
  /** what s3rver accepts (it checks signatures against these) */
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** the VIDCOMPARE_S3_* and AWS_* variables that point a vidcompare process at it */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** An S3-compatible server (s3rver, objects in a temp folder) on a random port of 127.0.0.1, with one bucket. */
export async function startS3StandIn(bucket = 'vidcompare-test'): Promise<S3StandIn> {
  const directory = await mkdtemp(join(tmpdir(), 's3-stand-in-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  return {
    endpoint,
    bucket,
    credentials,
    env: {
      VIDCOMPARE_S3_BUCKET: bucket,
      VIDCOMPARE_S3_ENDPOINT: endpoint,
      VIDCOMPARE_S3_REGION: 'us-east-1',
      VIDCOMPARE_S3_FORCE_PATH_STYLE: 'true',
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    },
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
