import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RawRequest {
  method: string;
  /** the request target exactly as sent: a path, `*`, or an absolute URL */
  target: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** leave out the Host header (sent by default, naming the server) */
  omitHost?: boolean;
  /** ms to wait for the status line and headers before failing the test */
  timeoutMs?: number;
}

function parseHead(head: string): { status: number; headers: Record<string, string> } {
  const [statusLine = '', ...lines] = head.split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status, headers };
}

/** The body is complete: by Content-Length, the last chunk, or (for streams) as soon as the head is here. */
function bodyComplete(method: string, status: number, headers: Record<string, string>, body: Buffer): boolean {
  if (method === 'HEAD' || status === 204 || status === 304) return true;
  if ((headers['content-type'] ?? '').startsWith('text/event-stream')) return true;
  if (headers['content-length'] !== undefined) return body.length >= Number(headers['content-length']);
  if (headers['transfer-encoding'] === 'chunked') return body.includes('\r\n0\r\n\r\n') || body.subarray(0, 5).toString() === '0\r\n\r\n';
  return false;
}

function dechunk(body: Buffer): string {
  let out = '';
  let rest = body.toString('latin1');
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, lineEnd), 16);
    if (!(size > 0)) return Buffer.from(out, 'latin1').toString('utf8');
    out += rest.slice(lineEnd + 2, lineEnd + 2 + size);
    rest = rest.slice(lineEnd + 2 + size + 2);
  }
}

/**
 * One HTTP/1.1 request over a bare socket, sent byte for byte as given:
 * fetch would normalise the very targets these tests attack (`%61pi`, `..`,
 * `//`, absolute-form). Resolves once the answer is complete (an event stream
 * counts as complete at its head: the test only needs the status).
 */
export function rawRequest(baseUrl: string, request: RawRequest): Promise<RawResponse> {
  const { hostname, port, host } = new URL(baseUrl);
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  const headers: Record<string, string> = {
    ...(request.omitHost ? {} : { host }),
    connection: 'close',
    ...(body ? { 'content-length': String(body.length) } : {}),
    ...request.headers,
  };
  const head = `${request.method} ${request.target} HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = Buffer.alloc(0);
    let parsed: { status: number; headers: Record<string, string> } | undefined;
    let bodyStart = 0;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete answer to ${request.method} ${request.target} within ${request.timeoutMs ?? 10_000} ms`));
    }, request.timeoutMs ?? 10_000);
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      if (!parsed) return reject(new Error(`connection closed without an answer to ${request.method} ${request.target}`));
      const rawBody = received.subarray(bodyStart);
      resolve({ ...parsed, body: parsed.headers['transfer-encoding'] === 'chunked' ? dechunk(rawBody) : rawBody.toString('utf8') });
    };
    socket.on('connect', () => {
      socket.write(head);
      if (body) socket.write(body);
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (!parsed) {
        const end = received.indexOf('\r\n\r\n');
        if (end < 0) return;
        parsed = parseHead(received.subarray(0, end).toString('latin1'));
        bodyStart = end + 4;
      }
      if (bodyComplete(request.method, parsed.status, parsed.headers, received.subarray(bodyStart))) finish();
    });
    socket.on('end', finish);
    socket.on('error', (error) => {
      clearTimeout(timer);
      if (parsed) finish();
      else reject(error);
    });
  });
}

/** `{detail}` of a JSON error body, or undefined. */
export function detailOf(response: RawResponse): string | undefined {
  try {
    const parsed = JSON.parse(response.body) as { detail?: unknown };
    return typeof parsed.detail === 'string' ? parsed.detail : undefined;
  } catch {
    return undefined;
  }
}
