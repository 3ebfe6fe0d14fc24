import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from '../../src/config/env.js';
import { createApplication } from '../../src/app/create-application.js';
import { silentLogger } from '../../src/logging/logger.js';
import { api, startTestServer, type TestServer } from '../helpers/test-server.js';

describe('the embedded mode as a worker', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.stop({ removeData: true });
  });

  it('GET /api/workers lists this process, the only worker', async () => {
    const { status, body } = await api(`${server.url}/api/workers`);
    expect(status).toBe(200);
    expect(body).toHaveLength(1);
    expect(body[0]).toMatchObject({ pid: process.pid, active_units: 0, units_done: 0 });
    expect(Object.keys(body[0]).sort()).toEqual(['active_units', 'host', 'id', 'last_seen', 'pid', 'started_at', 'units_done']);
  });

  it('refuses --no-worker without a queue to hand units to', async () => {
    const env = parseEnv({ HOST: '127.0.0.1', PORT: '0', VIDCOMPARE_DATA_DIR: server.dataDir });
    await expect(createApplication(env, { logger: silentLogger(), runWorker: false })).rejects.toThrow(/needs VIDCOMPARE_REDIS_URL/);
  });

  it('names the variable when a database or Redis URL is not one', () => {
    expect(() => parseEnv({ VIDCOMPARE_DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    expect(() => parseEnv({ VIDCOMPARE_DATABASE_URL: 'mysql://x' })).toThrow(/VIDCOMPARE_DATABASE_URL/);
    expect(() => parseEnv({ VIDCOMPARE_REDIS_URL: 'http://x' })).toThrow(/VIDCOMPARE_REDIS_URL/);
  });
});
