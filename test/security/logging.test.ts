import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication, type Application } from '../../src/app/create-application.js';
import { parseEnv } from '../../src/config/env.js';
import { createLogger } from '../../src/logging/logger.js';
import { sampleVideoFile, uploadVideo } from '../helpers/sample-video-file.js';
import { waitFor } from '../helpers/wait-for.js';
import { rawRequest } from './raw-http.js';

const token = 'trace-level-token-value';
let application: Application;
let url: string;
let dataDir: string;
let lines: { level: number; msg?: string; [key: string]: unknown }[] = [];
let text = '';

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'vidcompare-logging-'));
  const sink = new Writable({
    write(chunk, _encoding, done) {
      text += chunk.toString();
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const env = parseEnv({ HOST: '127.0.0.1', PORT: '0', VIDCOMPARE_DATA_DIR: dataDir, VIDCOMPARE_TOKEN: token });
  application = await createApplication(env, { logger: createLogger('trace', sink) });
  url = await application.start();
});

afterAll(async () => {
  await application.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('logs', () => {
  it('never contain credentials, even at trace level (multipart plugin, headers, ?token=)', async () => {
    const secretCookie = 'session=cookie-secret-value';
    const secretApiKey = 'x-api-key-secret-value';
    await uploadVideo(url, await sampleVideoFile('three-shots-tone'), { authorization: `Bearer ${token}`, cookie: secretCookie, 'x-api-key': secretApiKey });
    await rawRequest(url, { method: 'GET', target: `/api/events?token=${token}`, headers: { cookie: secretCookie } });
    await rawRequest(url, { method: 'GET', target: `/api/jobs?token=${token}` });
    expect(text).toContain('busboy');
    for (const secret of [token, 'cookie-secret-value', secretApiKey]) expect(text).not.toContain(secret);
  });

  it('record a client that disconnects mid-upload at debug, not as an error', async () => {
    lines = [];
    await new Promise<void>((resolve) => {
      const socket = connect(Number(new URL(url).port), '127.0.0.1', () => {
        socket.write(
          `POST /api/video/upload HTTP/1.1\r\nHost: ${new URL(url).host}\r\nAuthorization: Bearer ${token}\r\nContent-Type: multipart/form-data; boundary=B\r\nContent-Length: 10000000\r\n\r\n` +
            `--B\r\nContent-Disposition: form-data; name="file"; filename="a.mp4"\r\n\r\n${'a'.repeat(300_000)}`,
          () => {
            socket.resetAndDestroy();
            resolve();
          },
        );
      });
    });
    await waitFor(() => lines.some((l) => l.msg === 'client went away before the answer' || (l.level >= 50 && /upload|error/i.test(String(l.msg)))));
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
    expect(lines.some((l) => l.level === 20 && l.msg === 'client went away before the answer')).toBe(true);
  });
});
