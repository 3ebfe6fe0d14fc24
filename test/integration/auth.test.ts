import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopbackHost, parseEnv } from '../../src/config/env.js';
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
    // ?token= only where a header cannot be sent (streams, media, exports)
    expect((await api(`${server.url}/api/jobs?token=s3cret-token`)).status).toBe(401);
    expect((await api(`${server.url}/api/models?token=s3cret-token`)).status).toBe(401);
    const post = await api(`${server.url}/api/compare-async`, { method: 'POST', json: {} });
    expect(post.status).toBe(401);
  });

  it('refuses to start on a non-loopback host without a token, naming VIDCOMPARE_TOKEN in one line', () => {
    expect(() => parseEnv({ HOST: '0.0.0.0' })).toThrow(/^Invalid configuration: .*VIDCOMPARE_TOKEN[^\n]*$/);
    expect(parseEnv({ HOST: '0.0.0.0', VIDCOMPARE_TOKEN: 't' }).HOST).toBe('0.0.0.0');
    expect(() => parseEnv({ PORT: 'abc' })).toThrow(/PORT/);
  });

  it('counts only literal loopback addresses and localhost as loopback: a DNS name that looks like one needs a token', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['127.0.0.1.nip.io', '127.evil.example', 'localhost.evil.example', '0.0.0.0', '::', '10.0.0.1', '1270.0.0.1']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
    expect(() => parseEnv({ HOST: '127.0.0.1.nip.io' })).toThrow(/VIDCOMPARE_TOKEN/);
  });

  it('defaults CORS to the seed page origins and validates the origin and host lists', () => {
    expect(parseEnv({}).VIDCOMPARE_CORS_ORIGINS).toEqual(['http://localhost:3000', 'http://127.0.0.1:3000']);
    expect(parseEnv({ VIDCOMPARE_CORS_ORIGINS: 'https://a.example, http://b.example:8080' }).VIDCOMPARE_CORS_ORIGINS).toEqual(['https://a.example', 'http://b.example:8080']);
    expect(() => parseEnv({ VIDCOMPARE_CORS_ORIGINS: 'https://a.example/' })).toThrow(/VIDCOMPARE_CORS_ORIGINS/);
    expect(parseEnv({ VIDCOMPARE_ALLOWED_HOSTS: 'Video.Lan, box:8000' }).VIDCOMPARE_ALLOWED_HOSTS).toEqual(['video.lan', 'box:8000']);
    expect(() => parseEnv({ VIDCOMPARE_ALLOWED_HOSTS: 'http://x' })).toThrow(/VIDCOMPARE_ALLOWED_HOSTS/);
  });
});
