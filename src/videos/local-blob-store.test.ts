import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobNotFoundError } from './blob-store.js';
import { describeBlobStoreContract } from './blob-store-contract.js';
import { LocalBlobStore } from './local-blob-store.js';

describeBlobStoreContract('local disk', (root) => new LocalBlobStore(root));

describe('LocalBlobStore as its own local files', () => {
  let root: string;
  let blobs: LocalBlobStore;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'blob-store-'));
    blobs = new LocalBlobStore(root);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('hands out the stored file itself (no copy)', async () => {
    const temp = await blobs.writeTemp(Readable.from([Buffer.from('bytes')]), { maxBytes: 100 });
    await blobs.commit(temp.tempId, 'clip');
    const path = await blobs.use({ key: 'clip', sha256: temp.sha256, size: temp.size }, async (file) => file);
    expect(path).toBe(join(root, 'videos', 'clip'));
  });

  it('refuses a missing blob', async () => {
    await expect(blobs.use({ key: 'missing', sha256: 'a'.repeat(64), size: 1 }, async (file) => file)).rejects.toBeInstanceOf(BlobNotFoundError);
  });
});
