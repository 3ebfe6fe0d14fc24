import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleVideoFile, uploadVideo } from '../helpers/sample-video-file.js';
import { api, startTestServer, type TestServer } from '../helpers/test-server.js';
import { rawRequest, type RawResponse } from './raw-http.js';
import { AttackTally, fillPath, queryFor, routesFromOpenApi, stateSnapshot, validBodyFor, type ApiRoute, type KnownIds, type RequestBody } from './route-inventory.js';

let server: TestServer;
let ids: KnownIds;
let videoFile: string;
let routes: ApiRoute[];
let host: string;
let before: string;
const tally = new AttackTally();
const stateChanging = (route: ApiRoute) => route.method !== 'GET';

beforeAll(async () => {
  // no token: the default loopback mode that any web page could reach
  server = await startTestServer();
  host = new URL(server.url).host;
  videoFile = await sampleVideoFile('three-shots-tone');
  const video = await uploadVideo(server.url, videoFile);
  const created = await api(`${server.url}/api/compare-async`, { method: 'POST', json: { video_id: video.id, prompt: 'List the cuts', models: ['local-shots'], judge_model: 'none' } });
  await server.application.jobs.waitForFinish(created.body.job_id);
  ids = { videoId: video.id, jobId: created.body.job_id };
  routes = (await routesFromOpenApi(server.url)).filter((r) => r.template.startsWith('/api'));
  before = await stateSnapshot(server.url, ids);
});

afterAll(async () => {
  console.log(tally.summary('cross-site attempts (no-token loopback mode)'));
  await server?.stop({ removeData: true });
});

async function attack(family: string, route: ApiRoute, options: { headers?: Record<string, string>; body?: RequestBody | null; target?: string }): Promise<RawResponse> {
  const body = options.body === null ? undefined : (options.body ?? validBodyFor(route, ids, videoFile));
  const target = options.target ?? fillPath(route.template, ids) + queryFor(route);
  const response = await rawRequest(server.url, {
    method: route.method,
    target,
    headers: { ...(body ? { 'content-type': body.contentType } : {}), ...options.headers },
    body: body?.body,
  });
  tally.record(family, response.status, `${route.method} ${target} ${JSON.stringify(options.headers ?? {})}`);
  return response;
}

const text = (contentType: string, value: string): RequestBody => ({ contentType, body: Buffer.from(value) });

describe('no-token loopback mode refuses what a foreign web page can send', () => {
  it('refuses state-changing requests from foreign origins with 403, whatever the body', async () => {
    const foreign = ['http://evil.example', 'null', `http://127.0.0.1.nip.io:${new URL(server.url).port}`, 'http://127.0.0.1:1', 'https://localhost:3000', 'http://localhost:3001'];
    for (const route of routes.filter(stateChanging)) {
      for (const origin of foreign) {
        const response = await attack('foreign Origin', route, { headers: { origin } });
        expect(response.status, `${route.method} ${route.template} from ${origin}`).toBe(403);
      }
      for (const site of ['cross-site', 'same-site']) {
        const response = await attack('Sec-Fetch-Site without Origin', route, { headers: { 'sec-fetch-site': site } });
        expect(response.status, `${route.method} ${route.template} ${site}`).toBe(403);
      }
    }
  });

  it('refuses bodies a cross-site form can send (text/plain, urlencoded, multipart to JSON routes) with 415 or 400', async () => {
    for (const route of routes.filter(stateChanging)) {
      const bodies = [text('text/plain', 'x'), text('text/plain;charset=UTF-8', '{"video_id":"x"}'), text('application/x-www-form-urlencoded', 'a=b')];
      if (route.template !== '/api/video/upload') bodies.push(text('multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--b--\r\n'));
      for (const body of bodies) {
        const response = await attack('non-JSON body, no Origin', route, { body });
        expect(route.template === '/api/video/upload' ? [400, 415] : [415], `${route.method} ${route.template} ${body.contentType}`).toContain(response.status);
      }
    }
  });

  it('serves no route under a foreign Host name (DNS rebinding), not even reads', async () => {
    const port = new URL(server.url).port;
    for (const route of routes) {
      for (const foreignHost of [`evil.example:${port}`, 'evil.example', `127.0.0.1.nip.io:${port}`, `localhost.evil.example:${port}`]) {
        const response = await attack('foreign Host', route, { headers: { host: foreignHost } });
        expect(response.status, `${route.method} ${route.template} Host ${foreignHost}`).toBe(421);
        expect(JSON.parse(response.body).detail).toMatch(/loopback/);
      }
      const absolute = await attack('absolute-form to a foreign host', route, { target: `http://evil.example${fillPath(route.template, ids)}${queryFor(route)}`, headers: { host: 'evil.example' } });
      expect([400, 421], `${route.method} ${route.template} absolute-form`).toContain(absolute.status);
    }
    expect((await rawRequest(server.url, { method: 'GET', target: '/health', headers: { host: 'evil.example' } })).status).toBe(421);
  });

  it('changed nothing, and every attack was refused', async () => {
    expect(await stateSnapshot(server.url, ids)).toBe(before);
    expect(tally.gotIn).toEqual([]);
  });
});

describe('what must keep working', () => {
  it('same-origin requests (the web UI), the seed page origins and clients without Origin', async () => {
    const port = new URL(server.url).port;
    const body = { video_id: ids.videoId, prompt: 'Describe', models: ['local-shots'], judge_model: 'none' };
    const clients: Record<string, string>[] = [{ origin: server.url, 'sec-fetch-site': 'same-origin' }, { origin: `http://localhost:${port}`, host: `localhost:${port}` }, { origin: 'http://localhost:3000', 'sec-fetch-site': 'same-site' }, { origin: 'http://127.0.0.1:3000' }, {}];
    for (const headers of clients) {
      const response = await rawRequest(server.url, { method: 'POST', target: '/api/compare-async', headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(body) });
      expect(response.status, JSON.stringify(headers)).toBe(200);
      await server.application.jobs.waitForFinish(JSON.parse(response.body).job_id);
    }
    for (const loopbackHost of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `127.0.0.2:${port}`, 'localhost']) {
      expect((await rawRequest(server.url, { method: 'GET', target: '/api/jobs', headers: { host: loopbackHost } })).status, loopbackHost).toBe(200);
    }
  });

  it('CORS preflight from the seed page (http://localhost:3000) allows DELETE with no configuration; foreign origins get no CORS headers', async () => {
    const preflight = (origin: string) =>
      rawRequest(server.url, { method: 'OPTIONS', target: `/api/video/${ids.videoId}`, headers: { origin, 'access-control-request-method': 'DELETE', 'access-control-request-headers': 'content-type' } });
    const seed = await preflight('http://localhost:3000');
    expect(seed.status).toBe(204);
    expect(seed.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    expect(seed.headers['access-control-allow-methods']).toMatch(/DELETE/);
    expect((await preflight('http://127.0.0.1:3000')).headers['access-control-allow-origin']).toBe('http://127.0.0.1:3000');
    const evil = await preflight('http://evil.example');
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    const list = await rawRequest(server.url, { method: 'GET', target: '/api/videos', headers: { origin: 'http://localhost:3000' } });
    expect(list.headers['access-control-allow-origin']).toBe('http://localhost:3000');
  });
});
