import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type {
  BatchJobBody,
  CompareJobBody,
  JobCreated,
  JobView,
  Leaderboard,
  ModelsResponse,
  PromptTemplate,
  VideoRecord,
} from './api-types.js';
import { maxJobsPage } from '../domain/job.js';

/** The server answered with an error status; `detail` is its human-readable reason. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly code: string | undefined,
    readonly method: string,
    readonly path: string,
  ) {
    super(detail);
  }
}

/** No HTTP answer at all: refused, unknown host, reset, timeout. */
export class ServerUnreachableError extends Error {
  override name = 'ServerUnreachableError';
  constructor(
    readonly baseUrl: string,
    options: { cause: unknown },
  ) {
    super(`Cannot reach the vidcompare server at ${baseUrl} (${describeNetworkCause(options.cause)}); start it with "vidcompare serve" or pass --server URL`, options);
  }
}

function describeNetworkCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return cause.code;
  if (cause?.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

export interface ApiClientOptions {
  baseUrl: string;
  token?: string;
  fetch?: typeof fetch;
}

export interface RequestOptions {
  json?: unknown;
  body?: RequestInit['body'];
  headers?: Record<string, string>;
  signal?: AbortSignal;
  query?: Record<string, string | number | boolean | undefined>;
}

/**
 * A typed client for the vidcompare HTTP API. Every failure is an ApiError
 * (the server said no) or a ServerUnreachableError (no answer).
 */
export class ApiClient {
  readonly baseUrl: string;
  private readonly token: string | undefined;
  private readonly fetchImpl: typeof fetch;

  constructor(options: ApiClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.token = options.token || undefined;
    this.fetchImpl = options.fetch ?? fetch;
  }

  url(path: string, query?: RequestOptions['query']): string {
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  /** the raw response of a successful request (status < 400) */
  async send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let body = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    }
    const init: RequestInit = { method, headers, body, signal: options.signal };
    let response: Response;
    try {
      response = await this.fetchImpl(this.url(path, options.query), init);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new ServerUnreachableError(this.baseUrl, { cause: error });
    }
    if (response.status >= 400) throw await toApiError(response, method, path);
    return response;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.send(method, path, options);
    const text = await response.text();
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError(response.status, `The server sent a response that is not JSON for ${method} ${path}: ${text.slice(0, 120)}`, 'BAD_RESPONSE', method, path);
    }
  }

  /**
   * POSTs a streamed body with backpressure and constant memory, through
   * node:http rather than fetch: undici's fetch (Node 20-24) keeps every
   * chunk of a streamed request body in memory until the request ends
   * (nodejs/undici#4058), so a 2 GB upload would need 2 GB of RAM.
   */
  async postStream<T>(path: string, body: ReadableStream<Uint8Array>, headers: Record<string, string>): Promise<T> {
    const url = new URL(this.url(path));
    const transport = url.protocol === 'https:' ? https : http;
    const requestHeaders: Record<string, string> = { ...headers, accept: 'application/json' };
    if (this.token) requestHeaders.authorization = `Bearer ${this.token}`;
    const source = Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>);
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = transport.request(url, { method: 'POST', headers: requestHeaders });
      let answered = false;
      request.once('response', (response) => {
        answered = true;
        // the server may answer before the whole body is sent (413, 415): stop sending
        source.unpipe(request);
        source.destroy();
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.once('error', (error) => reject(new ServerUnreachableError(this.baseUrl, { cause: error })));
        response.once('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      });
      request.once('error', (error) => {
        if (!answered) reject(new ServerUnreachableError(this.baseUrl, { cause: error }));
      });
      pipeline(source, request).catch((error: unknown) => {
        // after an answer, a broken pipe only means the server stopped reading; the answer says why
        if (!answered) reject(error instanceof Error && 'code' in error ? new ServerUnreachableError(this.baseUrl, { cause: error }) : error);
      });
    });
    if (status >= 400) throw parseApiError(status, text, 'POST', path);
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError(status, `The server sent a response that is not JSON for POST ${path}: ${text.slice(0, 120)}`, 'BAD_RESPONSE', 'POST', path);
    }
  }

  health(): Promise<{ status: string }> {
    return this.request('GET', '/health');
  }

  async videos(): Promise<VideoRecord[]> {
    return (await this.request<{ videos: VideoRecord[] }>('GET', '/api/videos')).videos;
  }

  async addSampleVideos(): Promise<VideoRecord[]> {
    return (await this.request<{ videos: VideoRecord[] }>('POST', '/api/videos/samples')).videos;
  }

  models(): Promise<ModelsResponse> {
    return this.request('GET', '/api/models');
  }

  /** asks the server to list each provider's models now (live discovery), then the models as GET /api/models gives them */
  refreshModels(): Promise<ModelsResponse> {
    return this.request('POST', '/api/models/refresh');
  }

  async prompts(): Promise<PromptTemplate[]> {
    return (await this.request<{ prompts: PromptTemplate[] }>('GET', '/api/prompts')).prompts;
  }

  compareAsync(body: CompareJobBody): Promise<JobCreated> {
    return this.request('POST', '/api/compare-async', { json: body });
  }

  batchCompareAsync(body: BatchJobBody): Promise<JobCreated> {
    return this.request('POST', '/api/batch-compare-async', { json: body });
  }

  jobs(query: { status?: string; limit?: number; offset?: number } = {}): Promise<JobView[]> {
    return this.request('GET', '/api/jobs', { query });
  }

  /** Every job with this status, page by page (the server caps a page at 200). */
  async allJobs(status: string): Promise<JobView[]> {
    const pageSize = maxJobsPage;
    const all: JobView[] = [];
    for (let offset = 0; ; offset += pageSize) {
      const page = await this.jobs({ status, limit: pageSize, offset });
      all.push(...page);
      if (page.length < pageSize) return all;
    }
  }

  job(id: string, signal?: AbortSignal): Promise<JobView> {
    return this.request('GET', `/api/jobs/${encodeURIComponent(id)}`, { signal });
  }

  cancelJob(id: string): Promise<{ job_id: string; status: string; message: string }> {
    return this.request('POST', `/api/jobs/${encodeURIComponent(id)}/cancel`);
  }

  deleteJob(id: string): Promise<{ job_id: string; deleted: boolean; message: string }> {
    return this.request('DELETE', `/api/jobs/${encodeURIComponent(id)}`);
  }

  leaderboard(id: string): Promise<Leaderboard> {
    return this.request('GET', `/api/jobs/${encodeURIComponent(id)}/leaderboard`);
  }

  /** the export as a response, to stream to a file or stdout */
  exportJob(id: string, format: string): Promise<Response> {
    return this.send('GET', `/api/jobs/${encodeURIComponent(id)}/export`, { query: { format } });
  }

  /** an open Server-Sent Events response (read it with readSse) */
  events(path: string, signal?: AbortSignal): Promise<Response> {
    return this.send('GET', path, { headers: { accept: 'text/event-stream' }, signal });
  }
}

async function toApiError(response: Response, method: string, path: string): Promise<ApiError> {
  const text = await response.text().catch((error: unknown) => `(body unreadable: ${String(error)})`);
  return parseApiError(response.status, text || response.statusText, method, path);
}

function parseApiError(status: number, text: string, method: string, path: string): ApiError {
  let detail = text.trim() || `HTTP ${status}`;
  let code: string | undefined;
  try {
    const body = JSON.parse(text) as { detail?: unknown; code?: unknown; message?: unknown };
    if (typeof body.detail === 'string') detail = body.detail;
    else if (typeof body.message === 'string') detail = body.message;
    if (typeof body.code === 'string') code = body.code;
  } catch {
    // not JSON (a proxy's error page): keep the text
  }
  return new ApiError(status, detail, code, method, path);
}
