import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication, type Application } from '../../src/app/create-application.js';
import { parseEnv } from '../../src/config/env.js';
import { createLogger } from '../../src/logging/logger.js';
import { startGeminiStandIn, type GeminiStandIn } from '../stand-ins/gemini-stand-in.js';
import { sampleVideoFile, uploadVideo } from '../helpers/sample-video-file.js';
import { api } from '../helpers/test-server.js';

const token = 'tok-5ecret-value';
const geminiKey = 'gm-5ecret-key';

describe('secrets never reach logs or API responses', () => {
  let standIn: GeminiStandIn;
  let application: Application;
  let url: string;
  let dataDir: string;
  let logs = '';

  beforeAll(async () => {
    // the provider refuses this key, so its error travels through logs and results
    standIn = await startGeminiStandIn({ apiKey: 'the-right-key' });
    dataDir = mkdtempSync(path.join(tmpdir(), 'vidcompare-secrets-'));
    const sink = new Writable({ write: (chunk, _encoding, done) => ((logs += chunk.toString()), done()) });
    const env = parseEnv({ HOST: '127.0.0.1', PORT: '0', VIDCOMPARE_DATA_DIR: dataDir, VIDCOMPARE_TOKEN: token, GEMINI_API_KEY: geminiKey, GOOGLE_GEMINI_BASE_URL: standIn.url });
    application = await createApplication(env, { logger: createLogger('debug', sink) });
    url = await application.start();
  });

  afterAll(async () => {
    await application.close();
    await standIn.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the API token and the provider key out of every log line and response', async () => {
    const auth = { authorization: `Bearer ${token}` };
    const video = await uploadVideo(url, await sampleVideoFile(), auth);
    const created = await api(`${url}/api/compare-async?token=${token}`, { method: 'POST', headers: auth, json: { video_id: video.id, prompt: 'Hi', models: ['gemini-2.5-flash'], judge_model: 'none' } });
    await application.jobs.waitForFinish(created.body.job_id);
    const responses = [
      await api(`${url}/api/jobs/${created.body.job_id}`, { headers: auth }),
      await api(`${url}/api/jobs/${created.body.job_id}/export?format=csv&token=${token}`),
      await api(`${url}/api/models`, { headers: auth }),
    ];
    const job = responses[0]!.body;
    expect(job.result.results[0].status).toBe('failed');
    expect(job.result.results[0].error).toMatch(/400|key/i);

    expect(logs).toContain('model call failed');
    for (const secret of [token, geminiKey]) {
      expect(logs).not.toContain(secret);
      for (const response of responses) expect(JSON.stringify(response.body)).not.toContain(secret);
    }
  });
});
