import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * The shared core of the OpenAI and Anthropic stand-ins: a node:http server
 * on 127.0.0.1 (random port) that takes JSON requests on a few routes and
 * answers JSON, with queued failures, canned replies, latency, a gate the
 * test controls, a request log and counters.
 */

/** One call to a route. */
export interface JsonCall<Body = Record<string, unknown>> {
  /** 1-based index over all routed calls */
  callIndex: number;
  path: string;
  headers: IncomingHttpHeaders;
  body: Body;
}

/** A canned HTTP answer. */
export interface StandInReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** sent as is instead of `body` as JSON (an HTML error page, a truncated JSON body) */
  raw?: string;
}

/** A 200 whose body no JSON parser can read: `html` (a proxy's page) or `truncated` JSON, as a cut connection leaves it. */
export function unreadableSuccess(kind: 'html' | 'truncated', validBody: unknown = { id: 'x', choices: [] }): StandInReply {
  if (kind === 'html') return { status: 200, body: null, raw: '<!DOCTYPE html><html><body><h1>Service temporarily unavailable</h1></body></html>', headers: { 'content-type': 'text/html; charset=utf-8' } };
  const json = JSON.stringify(validBody);
  return { status: 200, body: null, raw: json.slice(0, Math.floor(json.length / 2)) };
}

export interface JsonStandInOptions<Body> {
  /** "POST /v1/messages" → the answer */
  routes: Record<string, (call: JsonCall<Body>) => StandInReply | Promise<StandInReply>>;
  /** a reply refuses the request (bad key) before it reaches a route */
  authorize?: (headers: IncomingHttpHeaders) => StandInReply | undefined;
  /** the reply for unknown routes and unreadable bodies */
  errorReply: (status: number, message: string) => StandInReply;
  /** wait before answering each routed call: ms, or per call (cut short when the client goes away) */
  latencyMs?: number | ((call: JsonCall<Body>) => number);
  /** awaited before answering each routed call */
  gate?: (call: JsonCall<Body>) => Promise<void>;
  /** answer a call with a canned reply instead */
  intercept?: (call: JsonCall<Body>) => StandInReply | undefined;
  /** "GET /v1/models" → the answer: read-only list routes, outside the call log, counters, queued failures and latency */
  lists?: Record<string, (query: URLSearchParams) => StandInReply | Promise<StandInReply>>;
}

export interface JsonStandInCore<Body> {
  /** http://127.0.0.1:port (no path) */
  readonly origin: string;
  readonly requests: { method: string; path: string; headers: IncomingHttpHeaders; body?: Body }[];
  readonly stats: { calls: number; inFlight: number; maxInFlight: number; failures: number; clientGone: number; listCalls: number };
  /** the next calls get these replies, in order, before anything else happens */
  failNext(...replies: StandInReply[]): void;
  close(): Promise<void>;
}

export async function startJsonStandIn<Body>(options: JsonStandInOptions<Body>): Promise<JsonStandInCore<Body>> {
  const requests: JsonStandInCore<Body>['requests'] = [];
  const stats = { calls: 0, inFlight: 0, maxInFlight: 0, failures: 0, clientGone: 0, listCalls: 0 };
  const queued: StandInReply[] = [];

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, options.errorReply(500, `stand-in failure: ${String(error)}`));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const path = url.pathname;
    const raw = await readBody(req);
    const list = options.lists?.[`${method} ${path}`];
    if (list) {
      stats.listCalls += 1;
      return send(res, options.authorize?.(req.headers) ?? (await list(url.searchParams)));
    }
    let body: Body | undefined;
    try {
      body = raw.length > 0 ? (JSON.parse(raw.toString('utf8')) as Body) : undefined;
    } catch {
      requests.push({ method, path, headers: req.headers });
      send(res, options.errorReply(400, 'request body is not valid JSON'));
      return;
    }
    requests.push({ method, path, headers: req.headers, body });
    const refused = options.authorize?.(req.headers);
    if (refused) return send(res, refused);
    const route = options.routes[`${method} ${path}`];
    if (!route || body === undefined) return send(res, options.errorReply(404, `stand-in: no route for ${method} ${path}`));

    stats.calls += 1;
    const call: JsonCall<Body> = { callIndex: stats.calls, path, headers: req.headers, body };
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableEnded) {
        stats.clientGone += 1;
        gone.abort();
      }
    });
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    try {
      const failure = queued.shift() ?? options.intercept?.(call);
      if (failure) {
        if (failure.status >= 400) stats.failures += 1;
        return send(res, failure);
      }
      const latency = typeof options.latencyMs === 'function' ? options.latencyMs(call) : options.latencyMs;
      if (latency && latency > 0) await delay(latency, undefined, { signal: gone.signal }).catch(() => undefined);
      if (options.gate) await Promise.race([options.gate(call), new Promise((resolve) => gone.signal.addEventListener('abort', resolve))]);
      if (gone.signal.aborted) return;
      send(res, await route(call));
    } finally {
      stats.inFlight -= 1;
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    stats,
    failNext: (...replies) => void queued.push(...replies),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function send(res: ServerResponse, reply: StandInReply): void {
  if (res.destroyed) return;
  const payload = reply.raw ?? JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    ...(reply.headers ?? {}),
  });
  res.end(payload);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Rough token count of a text, for usage figures: one token per 4 characters. */
export function roughTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
