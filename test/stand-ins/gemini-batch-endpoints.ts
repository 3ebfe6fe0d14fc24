import { randomBytes } from 'node:crypto';
import type { GenerateCallInfo, GenerateRequestBody, StandInReply, WirePart } from './gemini-stand-in.js';

/**
 * The Gemini Batch API as the stand-in speaks it (v1beta, Developer API):
 * `POST models/{model}:batchGenerateContent` with inlined requests answers a
 * long-running Operation named `batches/{id}`; `GET batches/{id}` answers the
 * Operation with `metadata.state` (BATCH_STATE_*) and, once it succeeded,
 * `metadata.output.inlinedResponses.inlinedResponses` (each with the request's
 * metadata); `POST batches/{id}:cancel` cancels it. A failed batch carries
 * the Operation's `error`, as google.longrunning does.
 */

export type StandInBatchState =
  | 'BATCH_STATE_PENDING'
  | 'BATCH_STATE_RUNNING'
  | 'BATCH_STATE_SUCCEEDED'
  | 'BATCH_STATE_FAILED'
  | 'BATCH_STATE_CANCELLED'
  | 'BATCH_STATE_EXPIRED';

export interface StandInBatchRequest {
  request: GenerateRequestBody & { model?: string };
  metadata?: Record<string, string>;
}

export interface StandInBatch {
  name: string;
  model: string;
  displayName?: string;
  state: StandInBatchState;
  requests: StandInBatchRequest[];
  createTime: string;
  endTime?: string;
  /** the Operation's error once FAILED */
  error?: { code: number; message: string };
  /** per request metadata key: answered with this error instead of a response */
  requestErrors: Record<string, string>;
  gets: number;
}

export interface BatchFinish {
  state?: 'BATCH_STATE_SUCCEEDED' | 'BATCH_STATE_FAILED' | 'BATCH_STATE_EXPIRED';
  /** the Operation's error message for a FAILED batch */
  error?: string;
  /** request key → error for that request alone */
  requestErrors?: Record<string, string>;
}

export interface BatchEndpointOptions {
  /** batches stay PENDING until the test calls `finishBatch` (default: RUNNING on the first get, SUCCEEDED on the second) */
  holdBatches?: boolean;
}

export interface BatchEndpointContext {
  options: BatchEndpointOptions;
  now: () => number;
  /** refuses a request whose file is missing, gone or not ACTIVE, as generateContent does */
  checkFiles(parts: WirePart[]): StandInReply | undefined;
  /** the answer text and usage for one request, as generateContent would give them */
  answerOf(call: GenerateCallInfo): { text: string; usageMetadata: Record<string, number> };
  log(kind: 'batch.create' | 'batch.get' | 'batch.cancel', method: string, path: string, body?: unknown): void;
}

export interface BatchEndpoints {
  readonly batches: Map<string, StandInBatch>;
  readonly batchStats: { creates: number; gets: number; cancels: number };
  /** ends a held batch: SUCCEEDED by default (answers computed now), or FAILED / EXPIRED */
  finishBatch(name: string, finish?: BatchFinish): void;
  /** answers the request when it is a batch route; undefined when it is not */
  route(method: string, path: string, body: () => Promise<unknown>): Promise<StandInReply | undefined>;
}

const finished: StandInBatchState[] = ['BATCH_STATE_SUCCEEDED', 'BATCH_STATE_FAILED', 'BATCH_STATE_CANCELLED', 'BATCH_STATE_EXPIRED'];

export function createBatchEndpoints(ctx: BatchEndpointContext): BatchEndpoints {
  const batches = new Map<string, StandInBatch>();
  const batchStats = { creates: 0, gets: 0, cancels: 0 };
  let callIndex = 0;

  function end(batch: StandInBatch, state: StandInBatchState): void {
    batch.state = state;
    batch.endTime = new Date(ctx.now()).toISOString();
  }

  function operation(batch: StandInBatch): Record<string, unknown> {
    const done = finished.includes(batch.state);
    const metadata: Record<string, unknown> = {
      '@type': 'type.googleapis.com/google.ai.generativelanguage.v1beta.GenerateContentBatch',
      name: batch.name,
      model: `models/${batch.model}`,
      displayName: batch.displayName,
      createTime: batch.createTime,
      updateTime: batch.endTime ?? batch.createTime,
      ...(batch.endTime ? { endTime: batch.endTime } : {}),
      state: batch.state,
      batchStats: { requestCount: String(batch.requests.length), pendingRequestCount: String(done ? 0 : batch.requests.length) },
    };
    if (batch.state === 'BATCH_STATE_SUCCEEDED') metadata['output'] = { inlinedResponses: { inlinedResponses: batch.requests.map(answer) } };
    return {
      name: batch.name,
      metadata,
      done,
      ...(batch.state === 'BATCH_STATE_FAILED' && batch.error ? { error: batch.error } : {}),
    };

    function answer(entry: StandInBatchRequest): Record<string, unknown> {
      const key = entry.metadata?.['key'];
      const failure = key === undefined ? undefined : batch.requestErrors[key];
      if (failure) return { error: { code: 400, message: failure }, metadata: entry.metadata };
      const { text, usageMetadata } = ctx.answerOf({ model: batch.model, callIndex: ++callIndex, body: entry.request });
      return {
        response: { candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', index: 0 }], usageMetadata, modelVersion: batch.model },
        metadata: entry.metadata,
      };
    }
  }

  async function create(model: string, path: string, body: unknown): Promise<StandInReply> {
    ctx.log('batch.create', 'POST', path, body);
    const batchBody = (body as { batch?: { displayName?: string; inputConfig?: { requests?: { requests?: StandInBatchRequest[] } } } }).batch;
    const requests = batchBody?.inputConfig?.requests?.requests;
    if (!Array.isArray(requests) || requests.length === 0) return googleError(400, 'INVALID_ARGUMENT', 'batch.inputConfig.requests.requests must list at least one request');
    for (const entry of requests) {
      const refused = ctx.checkFiles((entry.request?.contents ?? []).flatMap((c) => c.parts ?? []));
      if (refused) return refused;
    }
    batchStats.creates += 1;
    const batch: StandInBatch = {
      name: `batches/${randomBytes(6).toString('hex')}`,
      model,
      displayName: batchBody?.displayName,
      state: 'BATCH_STATE_PENDING',
      requests,
      createTime: new Date(ctx.now()).toISOString(),
      requestErrors: {},
      gets: 0,
    };
    batches.set(batch.name, batch);
    return { status: 200, body: operation(batch) };
  }

  function get(name: string, path: string): StandInReply {
    ctx.log('batch.get', 'GET', path);
    batchStats.gets += 1;
    const batch = batches.get(name);
    if (!batch) return googleError(404, 'NOT_FOUND', `Batch ${name} not found.`);
    batch.gets += 1;
    if (!ctx.options.holdBatches && batch.state === 'BATCH_STATE_PENDING') batch.state = 'BATCH_STATE_RUNNING';
    else if (!ctx.options.holdBatches && batch.state === 'BATCH_STATE_RUNNING') end(batch, 'BATCH_STATE_SUCCEEDED');
    return { status: 200, body: operation(batch) };
  }

  function cancel(name: string, path: string): StandInReply {
    ctx.log('batch.cancel', 'POST', path);
    const batch = batches.get(name);
    if (!batch) return googleError(404, 'NOT_FOUND', `Batch ${name} not found.`);
    batchStats.cancels += 1;
    if (!finished.includes(batch.state)) end(batch, 'BATCH_STATE_CANCELLED');
    return { status: 200, body: {} };
  }

  return {
    batches,
    batchStats,
    finishBatch(name, finish = {}) {
      const batch = batches.get(name);
      if (!batch) throw new Error(`stand-in: no batch ${name}`);
      batch.requestErrors = finish.requestErrors ?? {};
      const state = finish.state ?? 'BATCH_STATE_SUCCEEDED';
      if (state === 'BATCH_STATE_FAILED') batch.error = { code: 500, message: finish.error ?? 'Internal error encountered.' };
      end(batch, state);
    },
    async route(method, path, body) {
      const createMatch = /^\/v1beta\/models\/([^/:]+):batchGenerateContent$/.exec(path);
      if (method === 'POST' && createMatch) return create(decodeURIComponent(createMatch[1]!), path, await body());
      const cancelMatch = /^\/v1beta\/(batches\/[^/:]+):cancel$/.exec(path);
      if (method === 'POST' && cancelMatch) return cancel(cancelMatch[1]!, path);
      const getMatch = /^\/v1beta\/(batches\/[^/:]+)$/.exec(path);
      if (method === 'GET' && getMatch) return get(getMatch[1]!, path);
      return undefined;
    },
  };
}

function googleError(code: number, status: string, message: string): StandInReply {
  return { status: code, body: { error: { code, message, status } } };
}
