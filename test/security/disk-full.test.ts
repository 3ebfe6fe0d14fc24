import { createWriteStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { toStoreError } from '../../src/store/store-error.js';
import type { BlobStore } from '../../src/videos/blob-store.js';
import { sampleVideoFile, uploadVideo } from '../helpers/sample-video-file.js';
import { api, startTestServer, type TestServer } from '../helpers/test-server.js';

/** Switched on by a test: the disk is full from then on. */
const disk = { full: false };
const storeWrites = new Set(['insertVideo', 'deleteVideo', 'saveMediaFacts', 'createJob', 'updateJob', 'deleteJob', 'deleteFinishedJobsBefore', 'saveModelRun', 'saveEvaluation']);

/** The real store, except that writes fail the way better-sqlite3 fails on a full disk. */
function fillableStore(store: Store): Store {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (disk.full && storeWrites.has(String(property))) {
          const sqliteError = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
          return Promise.reject(toStoreError(sqliteError, String(property)));
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/** The real blob store, except that a full disk makes uploads fail with the kernel's own ENOSPC (/dev/full). */
function fillableBlobs(blobs: BlobStore): BlobStore {
  return new Proxy(blobs, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (property === 'writeTemp') {
        return async (source: Parameters<BlobStore['writeTemp']>[0], options: Parameters<BlobStore['writeTemp']>[1]) => {
          if (disk.full) await pipeline(source, createWriteStream('/dev/full'));
          return target.writeTemp(source, options);
        };
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

let server: TestServer;
let videoId: string;
let jobId: string;

beforeAll(async () => {
  server = await startTestServer({ decorateStore: fillableStore, decorateBlobs: fillableBlobs });
  videoId = (await uploadVideo(server.url, await sampleVideoFile('three-shots-tone'))).id;
  const created = await api(`${server.url}/api/compare-async`, { method: 'POST', json: { video_id: videoId, prompt: 'cuts', models: ['local-shots'], judge_model: 'none' } });
  jobId = created.body.job_id;
  await server.application.jobs.waitForFinish(jobId);
});
afterAll(() => server.stop({ removeData: true }));

describe('a full disk', () => {
  it('answers 507 {detail} on upload, batch creation and deletes, and changes nothing', async () => {
    const videosBefore = (await api(`${server.url}/api/videos`)).body.videos.length;
    const jobsBefore = (await api(`${server.url}/api/jobs`)).body.length;
    disk.full = true;
    try {
      const form = new FormData();
      form.append('file', new Blob([Buffer.alloc(256 * 1024, 1)], { type: 'video/mp4' }), 'big.mp4');
      const upload = await fetch(`${server.url}/api/video/upload`, { method: 'POST', body: form });
      const attempts = [
        { name: 'upload', status: upload.status, body: (await upload.json()) as { detail?: string } },
        { name: 'batch', ...(await api(`${server.url}/api/batch-compare-async`, { method: 'POST', json: { video_ids: [videoId, videoId], prompts: ['a', 'b'], models: ['local-shots'], judge_model: 'none' } })) },
        { name: 'single', ...(await api(`${server.url}/api/compare-async`, { method: 'POST', json: { video_id: videoId, prompt: 'a', models: ['local-shots'], judge_model: 'none' } })) },
        { name: 'delete job', ...(await api(`${server.url}/api/jobs/${jobId}`, { method: 'DELETE' })) },
        { name: 'delete video', ...(await api(`${server.url}/api/video/${videoId}`, { method: 'DELETE' })) },
        { name: 'cleanup', ...(await api(`${server.url}/api/jobs/cleanup?days=0`, { method: 'POST' })) },
      ];
      for (const attempt of attempts) {
        expect(attempt.status, attempt.name).toBe(507);
        expect(attempt.body.detail, attempt.name).toMatch(/disk space/);
      }
    } finally {
      disk.full = false;
    }
    expect((await api(`${server.url}/api/videos`)).body.videos).toHaveLength(videosBefore);
    expect((await api(`${server.url}/api/jobs`)).body).toHaveLength(jobsBefore);
    expect(await readdir(path.join(server.dataDir, 'tmp'))).toEqual([]);
  });
});
