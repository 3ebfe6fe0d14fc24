import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeStoreContract } from './__fixtures__/store-contract.js';
import { makeJob } from './__fixtures__/store-test-data.js';
import { openSqliteStore } from './index.js';

describeStoreContract('SQLite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vidcompare-store-'));
  // a folder that does not exist yet: the store creates it
  const dbPath = join(dir, 'nested', 'vidcompare.db');
  return {
    open: () => openSqliteStore({ dbPath }),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
});

describe('SQLite store', () => {
  it('works in memory', async () => {
    const memory = await openSqliteStore({ dbPath: ':memory:' });
    try {
      await memory.createJob(makeJob('j1'));
      expect((await memory.getJob('j1'))?.id).toBe('j1');
    } finally {
      await memory.close();
    }
  });
});
