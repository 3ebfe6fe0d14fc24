import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/config/env.js';
import { api, startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ env: { VIDCOMPARE_TOKEN: 's3cret-token' } });
});
afterAll(() => server.stop({ removeData: true }));

describe('bearer token', () => {
  it('guards every /api route and leaves /health open', async () => {
    expect((await api(`${server.url}/health`)).status).toBe(200);
    const missing = await api(`${server.url}/api/models`);
    expect(missing.status).toBe(401);
    expect(missing.body.detail).toMatch(/token/i);
    expect((await api(`${server.url}/api/jobs`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await api(`${server.url}/api/jobs`, { headers: { authorization: 'Bearer s3cret-token' } })).status).toBe(200);
    expect((await api(`${server.url}/api/jobs?token=s3cret-token`)).status).toBe(200);
    const post = await api(`${server.url}/api/compare-async`, { method: 'POST', json: {} });
    expect(post.status).toBe(401);
  });

  it('refuses to start on a non-loopback host without a token, naming VIDCOMPARE_TOKEN in one line', () => {
    expect(() => parseEnv({ HOST: '0.0.0.0' })).toThrow(/^Invalid configuration: .*VIDCOMPARE_TOKEN[^\n]*$/);
    expect(parseEnv({ HOST: '0.0.0.0', VIDCOMPARE_TOKEN: 't' }).HOST).toBe('0.0.0.0');
    expect(() => parseEnv({ PORT: 'abc' })).toThrow(/PORT/);
  });
});
