import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleVideoFile, uploadVideo } from '../helpers/sample-video-file.js';
import { api, startTestServer, type TestServer } from '../helpers/test-server.js';
import { rawRequest, type RawResponse } from './raw-http.js';
import { AttackTally, fillPath, queryFor, routesFromOpenApi, stateSnapshot, validBodyFor, type ApiRoute, type KnownIds } from './route-inventory.js';

const token = 'bypass-test-token';
const auth = { authorization: `Bearer ${token}` };
/** routes whose URL a browser loads by itself: the only ones that take ?token= */
const tokenInQueryRoutes = ['GET /api/video/{id}', 'GET /api/video/{id}/thumbnail', 'GET /api/jobs/{id}/export', 'GET /api/jobs/{id}/events', 'GET /api/events', 'GET /api/arena/votes'];

let server: TestServer;
let ids: KnownIds;
let videoFile: string;
let routes: ApiRoute[];
let before: string;
const tally = new AttackTally();

beforeAll(async () => {
  server = await startTestServer({ env: { VIDCOMPARE_TOKEN: token } });
  videoFile = await sampleVideoFile('three-shots-tone');
  const video = await uploadVideo(server.url, videoFile, auth);
  const created = await api(`${server.url}/api/compare-async`, { method: 'POST', headers: auth, json: { video_id: video.id, prompt: 'List the cuts', models: ['local-shots'], judge_model: 'none' } });
  await server.application.jobs.waitForFinish(created.body.job_id);
  ids = { videoId: video.id, jobId: created.body.job_id };
  routes = (await routesFromOpenApi(server.url)).filter((r) => r.template.startsWith('/api'));
  before = await stateSnapshot(server.url, ids, auth);
});

afterAll(async () => {
  console.log(tally.summary('auth bypass attempts (token configured, no valid credentials)'));
  await server?.stop({ removeData: true });
});

/** `/api/jobs/X` → `/%61pi/jobs/X`: encodes the first letter of static segment `index` */
function encodeLetter(path: string, index: number, upperHex: boolean): string {
  const segments = path.split('/');
  const segment = segments[index]!;
  const hex = segment.charCodeAt(0).toString(16);
  segments[index] = `%${upperHex ? hex.toUpperCase() : hex}${segment.slice(1)}`;
  return segments.join('/');
}

function encodeAllLetters(path: string): string {
  return path.replace(/[a-z]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
}

/** Request targets that reach the same route through the router's decoding, or try to. */
function pathVariants(path: string): Record<string, string[]> {
  const staticSegments = path.split('/').map((s, i) => (s && !s.includes(ids.videoId) && !s.includes(ids.jobId) ? i : -1)).filter((i) => i > 0);
  const rest = path.slice('/api'.length);
  return {
    'percent-encoded letters': [
      ...staticSegments.flatMap((i) => [encodeLetter(path, i, false), encodeLetter(path, i, true)]),
      encodeAllLetters(path),
    ],
    'percent-encoded slashes': [`/api%2F${rest.slice(1)}`, `/api%2f${rest.slice(1)}`, path.replace(/\/([^/]*)$/, '%2F$1'), `%2Fapi${rest}`],
    'double slashes': [`//api${rest}`, `/api/${rest}`, `${path.replace(/\/([^/]*)$/, '//$1')}`],
    'dot segments': [`/x/..${path}`, `/./api${rest}`, `/api/./${rest.slice(1)}`, `/%2e%2e${path}`, `/api/x/..${rest}`, `/api/%2e${rest}`],
    'case variants': [`/API${rest}`, `/Api${rest}`, path.toUpperCase(), `${path}/`],
    'absolute-form targets': [`http://${new URL(server.url).host}${path}`, `HTTP://${new URL(server.url).host}${path}`, `http://localhost:${new URL(server.url).port}${path}`, `http://evil.example${path}`],
  };
}

async function attack(family: string, route: ApiRoute, request: { method?: string; target: string; headers?: Record<string, string>; withBody?: boolean }): Promise<RawResponse> {
  const body = request.withBody === false ? undefined : validBodyFor(route, ids, videoFile);
  const method = request.method ?? route.method;
  const response = await rawRequest(server.url, {
    method,
    target: request.target,
    headers: { ...(body ? { 'content-type': body.contentType } : {}), ...request.headers },
    body: body?.body,
  });
  tally.record(family, response.status, `${method} ${request.target}`);
  return response;
}

describe('every route in the OpenAPI document refuses requests without the token', () => {
  it('lists the API routes (so the checks below cover every one)', () => {
    expect(routes.length).toBeGreaterThanOrEqual(20);
    expect(routes.map((r) => `${r.method} ${r.template}`)).toEqual(expect.arrayContaining(['POST /api/video/upload', 'DELETE /api/video/{id}', 'POST /api/jobs/cleanup', 'GET /api/events']));
  });

  it('answers 401 to the plain path, HEAD and OPTIONS', async () => {
    for (const route of routes) {
      const path = fillPath(route.template, ids) + queryFor(route);
      expect((await attack('plain path, no token', route, { target: path })).status, `${route.method} ${path}`).toBe(401);
      if (route.method === 'GET') expect((await attack('HEAD / OPTIONS', route, { method: 'HEAD', target: path })).status, `HEAD ${path}`).toBe(401);
      expect((await attack('HEAD / OPTIONS', route, { method: 'OPTIONS', target: path, withBody: false })).status, `OPTIONS ${path}`).toBe(401);
    }
  });

  it('answers 401 (or a refusal before any handler) to encoded, dotted, doubled, re-cased and absolute-form targets', async () => {
    for (const route of routes) {
      const query = queryFor(route);
      for (const [family, targets] of Object.entries(pathVariants(fillPath(route.template, ids)))) {
        for (const target of targets) {
          const response = await attack(family, route, { target: target + query });
          expect([400, 401, 404, 405, 414], `${route.method} ${target}`).toContain(response.status);
          // a target the router resolves to the route must meet the token check, not slip past it
          if (family === 'percent-encoded letters') expect(response.status, `${route.method} ${target}`).toBe(401);
          if (family === 'absolute-form targets') expect(response.status, `${route.method} ${target}`).toBe(400);
        }
      }
    }
  });

  it('accepts ?token= only on streams, media and exports, and only for GET', async () => {
    for (const route of routes) {
      const path = fillPath(route.template, ids);
      const query = queryFor(route);
      const target = `${path}${query ? `${query}&` : '?'}token=${token}`;
      if (!tokenInQueryRoutes.includes(`${route.method} ${route.template}`)) {
        expect((await attack('?token= where a header can be sent', route, { target })).status, `${route.method} ${target}`).toBe(401);
      }
      expect((await attack('?token= with a wrong token', route, { target: `${path}?token=wrong-${token}` })).status, `${route.method} ${path}`).toBe(401);
    }
    for (const key of tokenInQueryRoutes) {
      const route = routes.find((r) => `${r.method} ${r.template}` === key)!;
      expect(route, key).toBeDefined();
      const target = `${fillPath(route.template, ids)}?token=${token}`;
      expect((await rawRequest(server.url, { method: 'GET', target })).status, target).toBe(200);
      expect((await attack('?token= where a header can be sent', route, { method: 'DELETE', target })).status, `DELETE ${target}`).not.toBeLessThan(400);
    }
  });

  it('answers 401 to malformed or wrong credentials', async () => {
    const wrong = [`Bearer wrong`, `Basic ${Buffer.from(`user:${token}`).toString('base64')}`, token, `Bearer`, `Bearer ${token}x`, `Token ${token}`];
    for (const route of routes) {
      for (const authorization of wrong) {
        const target = fillPath(route.template, ids) + queryFor(route);
        expect((await attack('wrong Authorization header', route, { target, headers: { authorization } })).status, `${route.method} ${target}`).toBe(401);
      }
    }
  });

  it('changed nothing, and every attack was refused', async () => {
    expect(await stateSnapshot(server.url, ids, auth)).toBe(before);
    expect(tally.total).toBeGreaterThan(500);
    expect(tally.gotIn).toEqual([]);
  });
});
