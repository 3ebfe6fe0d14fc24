import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { geminiModelList, type ModelListSource } from './model-lists.js';

/**
 * A local server that speaks the Gemini Developer API wire protocol (v1beta)
 * closely enough for `@google/genai` to talk to it: resumable Files API
 * uploads, file states, generateContent, and errors shaped like Google's
 * (`{error: {code, message, status, details}}`, 429 with google.rpc.RetryInfo).
 */

/** What the stand-in knows about one generateContent call. */
export interface GenerateCallInfo {
  model: string;
  /** 1-based index over all generateContent calls */
  callIndex: number;
  /** the parsed JSON request body */
  body: GenerateRequestBody;
}

export interface GenerateRequestBody {
  contents?: { role?: string; parts?: WirePart[] }[];
  systemInstruction?: { parts?: WirePart[] };
  generationConfig?: Record<string, unknown> & { responseMimeType?: string; responseJsonSchema?: unknown };
}

export interface WirePart {
  text?: string;
  fileData?: { fileUri?: string; mimeType?: string };
  inlineData?: { mimeType?: string; data?: string };
  videoMetadata?: Record<string, unknown>;
}

/** A canned HTTP answer, for `intercept`. */
export interface StandInReply {
  status: number;
  body: unknown;
  /** sent as is instead of `body` as JSON (an HTML page, a truncated body) */
  raw?: string;
  contentType?: string;
}

/** A 200 whose body no JSON parser can read: `html` (a proxy's page) or `truncated` JSON, as a cut connection leaves it. */
export function unreadableSuccess(kind: 'html' | 'truncated'): StandInReply {
  if (kind === 'html') return { status: 200, body: null, raw: '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>', contentType: 'text/html; charset=utf-8' };
  return { status: 200, body: null, raw: '{"candidates": [{"content": {"role": "model", "parts": [{"text": "The video opens on' };
}

export interface GeminiStandInOptions {
  /** when set, requests without this `x-goog-api-key` get Google's 400 API_KEY_INVALID */
  apiKey?: string;
  /** files.get answers PROCESSING this many times per file before ACTIVE (default 1) */
  processingPolls?: number;
  /** when it returns a reason, the file ends FAILED with that reason instead of ACTIVE */
  failProcessing?: (file: StandInFile) => string | undefined;
  /** lifetime of an uploaded file (default 48 h) */
  fileTtlMs?: number;
  /** the stand-in's clock for expiry and rate windows (default Date.now) */
  now?: () => number;
  /** wait before answering each generateContent call: ms, or per call */
  latencyMs?: number | ((call: GenerateCallInfo) => number);
  /** told about every generateContent call as it arrives, before any rate limit or latency */
  onCall?: (call: GenerateCallInfo) => void;
  /** awaited before answering each generateContent call: a gate the test controls */
  gate?: (call: GenerateCallInfo) => Promise<void>;
  /** awaited before an upload is finalized: a gate the test controls (a slow upload) */
  uploadGate?: () => Promise<void>;
  /** at most `limit` generateContent calls per `windowMs`; beyond, 429 with RetryInfo `retryDelay` (default "2s") */
  rateLimit?: { limit: number; windowMs: number; retryDelay?: string };
  /** every k-th generateContent call admitted by `rateLimit` (every k-th call without one) answers 503 UNAVAILABLE */
  failEvery?: number;
  /** answer a call with a canned reply instead (errors, odd finish reasons) */
  intercept?: (call: GenerateCallInfo) => StandInReply | undefined;
  /** the answer text; default: markdown naming the model and the prompt length, or JSON when a schema is requested */
  respond?: (body: GenerateRequestBody, call: GenerateCallInfo) => string;
  /** thoughtsTokenCount reported in usageMetadata (default 7) */
  thoughtsTokens?: number;
  /** what GET /v1beta/models lists (or an outage reply); without it that route answers 404 */
  models?: ModelListSource;
}

export interface StandInFile {
  name: string;
  uri: string;
  mimeType: string;
  sizeBytes: number;
  displayName?: string;
  sha256: string;
  state: 'PROCESSING' | 'ACTIVE' | 'FAILED';
  error?: string;
  polls: number;
  expirationTimeMs: number;
  gone: boolean;
}

export interface StandInRequestLog {
  method: string;
  path: string;
  kind: 'upload-start' | 'upload-chunk' | 'files.get' | 'generateContent' | 'other';
  /** parsed JSON body for JSON requests (generateContent, upload start) */
  body?: unknown;
}

export interface GeminiStandIn {
  /** base URL to hand to the SDK (`httpOptions.baseUrl` or GOOGLE_GEMINI_BASE_URL) */
  readonly url: string;
  readonly files: Map<string, StandInFile>;
  readonly stats: {
    /** file bytes received by uploads plus inline bytes decoded from generateContent */
    bytesUploaded: number;
    inlineBytes: number;
    /** finalized uploads */
    uploads: number;
    fileGets: number;
    generateCalls: Record<string, number>;
    inFlight: number;
    maxInFlight: number;
    rateLimited: number;
    /** GET /v1beta/models calls (kept out of `requests`) */
    listCalls: number;
  };
  readonly requests: StandInRequestLog[];
  totalGenerateCalls(): number;
  /** the file vanishes: files.get and generateContent answer 403 as Gemini does for deleted/expired files */
  makeGone(name: string): void;
  close(): Promise<void>;
}

interface PendingUpload {
  declaredSize: number;
  mimeType: string;
  displayName?: string;
  received: number;
  hash: ReturnType<typeof createHash>;
}

const GONE = (name: string) => `You do not have permission to access the File ${name.replace(/^files\//, '')} or it may not exist.`;

/** Builds a Google-style error reply. */
export function googleError(code: number, status: string, message: string, details?: unknown[]): StandInReply {
  return { status: code, body: { error: { code, message, status, ...(details ? { details } : {}) } } };
}

export async function startGeminiStandIn(options: GeminiStandInOptions = {}): Promise<GeminiStandIn> {
  const now = options.now ?? Date.now;
  const files = new Map<string, StandInFile>();
  const uploads = new Map<string, PendingUpload>();
  const stats: GeminiStandIn['stats'] = {
    bytesUploaded: 0, inlineBytes: 0, uploads: 0, fileGets: 0, generateCalls: {}, inFlight: 0, maxInFlight: 0, rateLimited: 0, listCalls: 0,
  };
  const requests: StandInRequestLog[] = [];
  let callCount = 0;
  let admittedCount = 0;
  const rateWindow: number[] = [];
  let baseUrl = '';

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, googleError(500, 'INTERNAL', `stand-in failure: ${String(error)}`));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', baseUrl);
    const method = req.method ?? 'GET';
    const header = (name: string) => String(req.headers[name] ?? '');
    if (options.apiKey !== undefined && header('x-goog-api-key') !== options.apiKey) {
      await drain(req);
      requests.push({ method, path: url.pathname, kind: 'other' });
      send(res, googleError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.'));
      return;
    }

    if (method === 'POST' && url.pathname === '/upload/v1beta/files') {
      const uploadId = url.searchParams.get('upload_id');
      if (uploadId === null) return startUpload(req, res, url);
      return receiveChunk(req, res, uploadId, header('x-goog-upload-command'), Number(header('x-goog-upload-offset')));
    }
    const fileMatch = /^\/v1beta\/(files\/[^/:]+)$/.exec(url.pathname);
    if (method === 'GET' && fileMatch) return getFile(res, fileMatch[1], url.pathname);
    if (method === 'GET' && url.pathname === '/v1beta/models' && options.models) {
      stats.listCalls += 1;
      return send(res, await geminiModelList(options.models, url.searchParams));
    }
    const genMatch = /^\/v1beta\/models\/([^/:]+):generateContent$/.exec(url.pathname);
    if (method === 'POST' && genMatch) return generate(req, res, decodeURIComponent(genMatch[1]), url.pathname);

    await drain(req);
    requests.push({ method, path: url.pathname, kind: 'other' });
    send(res, googleError(404, 'NOT_FOUND', `stand-in: no route for ${method} ${url.pathname}`));
  }

  async function startUpload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as { file?: { displayName?: string; display_name?: string } };
    requests.push({ method: 'POST', path: url.pathname, kind: 'upload-start', body });
    if (req.headers['x-goog-upload-protocol'] !== 'resumable' || req.headers['x-goog-upload-command'] !== 'start') {
      send(res, googleError(400, 'INVALID_ARGUMENT', 'expected a resumable upload start'));
      return;
    }
    const declaredSize = Number(req.headers['x-goog-upload-header-content-length']);
    const mimeType = String(req.headers['x-goog-upload-header-content-type'] ?? '');
    if (!Number.isFinite(declaredSize) || declaredSize < 0 || mimeType === '') {
      send(res, googleError(400, 'INVALID_ARGUMENT', 'missing upload size or content type'));
      return;
    }
    const uploadId = randomBytes(8).toString('hex');
    uploads.set(uploadId, {
      declaredSize, mimeType, displayName: body.file?.displayName ?? body.file?.display_name, received: 0, hash: createHash('sha256'),
    });
    res.writeHead(200, {
      'x-goog-upload-url': `${baseUrl}/upload/v1beta/files?upload_id=${uploadId}&upload_protocol=resumable`,
      'x-goog-upload-status': 'active',
      'x-goog-upload-chunk-granularity': '8388608',
      'content-length': '0',
    });
    res.end();
  }

  async function receiveChunk(req: IncomingMessage, res: ServerResponse, uploadId: string, command: string, offset: number): Promise<void> {
    requests.push({ method: 'POST', path: '/upload/v1beta/files', kind: 'upload-chunk' });
    const pending = uploads.get(uploadId);
    if (!pending) {
      await drain(req);
      send(res, googleError(404, 'NOT_FOUND', 'unknown upload session'));
      return;
    }
    if (offset !== pending.received) {
      await drain(req);
      send(res, googleError(400, 'INVALID_ARGUMENT', `offset ${offset} does not match ${pending.received} bytes received`));
      return;
    }
    for await (const chunk of req as AsyncIterable<Buffer>) {
      pending.received += chunk.length;
      pending.hash.update(chunk);
      stats.bytesUploaded += chunk.length;
    }
    const commands = command.split(',').map((part) => part.trim());
    if (!commands.includes('finalize')) {
      res.writeHead(200, { 'x-goog-upload-status': 'active', 'content-length': '0' });
      res.end();
      return;
    }
    uploads.delete(uploadId);
    if (options.uploadGate) await options.uploadGate();
    if (pending.received !== pending.declaredSize) {
      send(res, googleError(400, 'INVALID_ARGUMENT', `received ${pending.received} bytes, declared ${pending.declaredSize}`));
      return;
    }
    const id = randomBytes(6).toString('hex');
    const file: StandInFile = {
      name: `files/${id}`,
      uri: `${baseUrl}/v1beta/files/${id}`,
      mimeType: pending.mimeType,
      sizeBytes: pending.received,
      displayName: pending.displayName,
      sha256: pending.hash.digest('hex'),
      state: (options.processingPolls ?? 1) > 0 ? 'PROCESSING' : 'ACTIVE',
      polls: 0,
      expirationTimeMs: now() + (options.fileTtlMs ?? 48 * 3600_000),
      gone: false,
    };
    if (file.state === 'ACTIVE') settle(file);
    files.set(file.name, file);
    stats.uploads += 1;
    send(res, { status: 200, body: { file: fileJson(file) } }, { 'x-goog-upload-status': 'final' });
  }

  function settle(file: StandInFile): void {
    const reason = options.failProcessing?.(file);
    if (reason !== undefined) {
      file.state = 'FAILED';
      file.error = reason;
    } else {
      file.state = 'ACTIVE';
    }
  }

  function getFile(res: ServerResponse, name: string, path: string): void {
    requests.push({ method: 'GET', path, kind: 'files.get' });
    stats.fileGets += 1;
    const file = files.get(name);
    if (!file || file.gone || file.expirationTimeMs <= now()) {
      send(res, googleError(403, 'PERMISSION_DENIED', GONE(name)));
      return;
    }
    if (file.state === 'PROCESSING') {
      file.polls += 1;
      if (file.polls > (options.processingPolls ?? 1)) settle(file);
    }
    send(res, { status: 200, body: fileJson(file) });
  }

  function fileJson(file: StandInFile): Record<string, unknown> {
    return {
      name: file.name,
      displayName: file.displayName,
      mimeType: file.mimeType,
      sizeBytes: String(file.sizeBytes),
      createTime: new Date(file.expirationTimeMs - (options.fileTtlMs ?? 48 * 3600_000)).toISOString(),
      expirationTime: new Date(file.expirationTimeMs).toISOString(),
      sha256Hash: Buffer.from(file.sha256, 'hex').toString('base64'),
      uri: file.uri,
      state: file.state,
      source: 'UPLOADED',
      ...(file.error ? { error: { code: 400, message: file.error } } : {}),
    };
  }

  async function generate(req: IncomingMessage, res: ServerResponse, model: string, path: string): Promise<void> {
    const body = JSON.parse((await readBody(req)).toString('utf8')) as GenerateRequestBody;
    requests.push({ method: 'POST', path, kind: 'generateContent', body });
    callCount += 1;
    const call: GenerateCallInfo = { model, callIndex: callCount, body };
    stats.generateCalls[model] = (stats.generateCalls[model] ?? 0) + 1;
    options.onCall?.(call);
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    try {
      send(res, await answer(call));
    } finally {
      stats.inFlight -= 1;
    }
  }

  async function answer(call: GenerateCallInfo): Promise<StandInReply> {
    const parts = (call.body.contents ?? []).flatMap((content) => content.parts ?? []);
    for (const part of parts) {
      if (part.fileData) {
        const name = `files/${String(part.fileData.fileUri ?? '').split('/files/')[1] ?? ''}`;
        const file = files.get(name);
        if (!file || file.gone || file.expirationTimeMs <= now()) return googleError(403, 'PERMISSION_DENIED', GONE(name));
        if (file.state !== 'ACTIVE') {
          return googleError(400, 'FAILED_PRECONDITION', `The File ${name.slice(6)} is not in an ACTIVE state and usage is not allowed.`);
        }
      }
      if (part.inlineData?.data !== undefined) {
        const size = Buffer.from(part.inlineData.data, 'base64').length;
        stats.inlineBytes += size;
        stats.bytesUploaded += size;
      }
    }
    if (options.rateLimit) {
      const { limit, windowMs, retryDelay = '2s' } = options.rateLimit;
      const t = now();
      while (rateWindow.length > 0 && rateWindow[0] <= t - windowMs) rateWindow.shift();
      if (rateWindow.length >= limit) {
        stats.rateLimited += 1;
        return googleError(429, 'RESOURCE_EXHAUSTED', 'You exceeded your current quota, please check your plan and billing details.', [
          { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaMetric: 'generate_content_requests', quotaId: 'PerMinute' }] },
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay },
        ]);
      }
      rateWindow.push(t);
    }
    admittedCount += 1;
    if (options.failEvery && admittedCount % options.failEvery === 0) {
      return googleError(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.');
    }
    const intercepted = options.intercept?.(call);
    if (intercepted) return intercepted;
    const latency = typeof options.latencyMs === 'function' ? options.latencyMs(call) : options.latencyMs;
    if (latency && latency > 0) await delay(latency);
    if (options.gate) await options.gate(call);

    const promptText = parts.map((part) => part.text ?? '').join('');
    const text = options.respond?.(call.body, call) ?? defaultAnswer(call, parts, promptText);
    const videoTokens = parts.some((part) => part.fileData || part.inlineData) ? 1000 : 0;
    return {
      status: 200,
      body: {
        candidates: [{ content: { role: 'model', parts: [{ text: 'thinking about it', thought: true }, { text }] }, finishReason: 'STOP', index: 0 }],
        usageMetadata: {
          promptTokenCount: Math.ceil(promptText.length / 4) + videoTokens,
          candidatesTokenCount: Math.ceil(text.length / 4),
          thoughtsTokenCount: options.thoughtsTokens ?? 7,
          totalTokenCount: Math.ceil(promptText.length / 4) + videoTokens + Math.ceil(text.length / 4) + (options.thoughtsTokens ?? 7),
        },
        modelVersion: call.model,
        responseId: randomBytes(6).toString('hex'),
      },
    };
  }

  function defaultAnswer(call: GenerateCallInfo, parts: WirePart[], promptText: string): string {
    if (call.body.generationConfig?.responseMimeType === 'application/json') {
      return JSON.stringify({ model: call.model, prompt_length: promptText.length });
    }
    const video = parts.find((part) => part.fileData || part.inlineData);
    const source = video?.fileData ? `file ${video.fileData.fileUri}` : video?.inlineData ? 'inline video' : 'no video';
    return [
      `## Analysis by ${call.model}`,
      '',
      `Prompt length: ${promptText.length} characters; ${source}.`,
      '',
      '- **00:00–00:02** Opening shot.',
      '- **00:02–00:05** Cut to a close-up.',
    ].join('\n');
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    files,
    stats,
    requests,
    totalGenerateCalls: () => callCount,
    makeGone(name) {
      const file = files.get(name);
      if (!file) throw new Error(`stand-in: no file ${name}`);
      file.gone = true;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function send(res: ServerResponse, reply: StandInReply, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  const payload = reply.raw ?? JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'content-type': reply.contentType ?? 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(payload), ...headers });
  res.end(payload);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function drain(req: IncomingMessage): Promise<void> {
  for await (const _chunk of req as AsyncIterable<Buffer>) {
    // discard
  }
}
