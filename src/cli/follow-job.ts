import { ApiError, type ApiClient } from './api-client.js';
import { isFinished, type JobView } from './api-types.js';
import { JobOutcomeError } from './cli-errors.js';
import type { BoardEvent, JobBoard } from './job-board.js';
import { readJsonSse, SseProtocolError } from './sse-client.js';

const jobEventNames = new Set(['snapshot', 'progress', 'status', 'model_result', 'evaluation', 'retry', 'deleted', 'created']);

export interface FollowOptions {
  /** called after each event has been applied to the board */
  onUpdate?: (event?: BoardEvent) => void;
  /** stop following (the job itself keeps running) */
  signal?: AbortSignal;
  /** how often to double-check the job's status while the stream is quiet */
  pollMs?: number;
  /** fetch the answers stored so far when joining a running job, so per-model state is right at once */
  seedPartial?: boolean;
  /** consecutive failed reconnections before giving up */
  maxReconnects?: number;
}

const pause = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });

/**
 * Follows one job through `GET /api/jobs/:id/events` until it finishes and
 * returns its final view (with the result). A periodic status check covers
 * events missed around the subscription; a dropped stream is reopened.
 * @throws JobOutcomeError when the job is deleted meanwhile
 */
export async function followJob(client: ApiClient, board: JobBoard, jobId: string, options: FollowOptions = {}): Promise<JobView> {
  const maxReconnects = options.maxReconnects ?? 10;
  let failures = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    let outcome: 'finished' | 'ended';
    try {
      outcome = await followStreamOnce(client, board, jobId, options, () => (failures = 0));
    } catch (error) {
      if (options.signal?.aborted || error instanceof ApiError || error instanceof SseProtocolError || ++failures > maxReconnects) throw error;
      outcome = 'ended';
    }
    if (outcome === 'finished') break;
    // the stream ended before the job did (server restart, proxy timeout): check, then reconnect
    try {
      const view = await client.job(jobId, options.signal);
      board.applyView(view);
      options.onUpdate?.();
      if (isFinished(view.status)) return view;
    } catch (error) {
      if (options.signal?.aborted || (error instanceof ApiError && error.status !== 503) || ++failures > maxReconnects) throw notDeleted(error, jobId);
    }
    await pause(Math.min(500 * 2 ** Math.min(failures, 4), 5000), options.signal);
  }
  try {
    const view = await client.job(jobId, options.signal);
    board.applyView(view);
    options.onUpdate?.();
    return view;
  } catch (error) {
    throw notDeleted(error, jobId);
  }
}

function notDeleted(error: unknown, jobId: string): unknown {
  if (error instanceof ApiError && error.status === 404) return new JobOutcomeError(`Job ${jobId} was deleted while it was being followed`);
  return error;
}

async function followStreamOnce(
  client: ApiClient,
  board: JobBoard,
  jobId: string,
  options: FollowOptions,
  onEventReceived: () => void,
): Promise<'finished' | 'ended'> {
  const controller = new AbortController();
  const stopOnAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', stopOnAbort, { once: true });
  let finishedByPoll = false;
  let checking = false;
  const check = async () => {
    if (checking || controller.signal.aborted) return;
    checking = true;
    try {
      const view = await client.job(jobId, controller.signal);
      if (isFinished(view.status)) {
        finishedByPoll = true;
        controller.abort();
      }
    } catch {
      // a backup check only: the event stream (or its reconnection) reports real failures
    } finally {
      checking = false;
    }
  };
  const timer = setInterval(check, options.pollMs ?? 3000);
  try {
    const response = await client.events(`/api/jobs/${encodeURIComponent(jobId)}/events`, controller.signal);
    if (!response.body) return 'ended';
    for await (const message of readJsonSse<BoardEvent['data']>(response.body)) {
      if (!jobEventNames.has(message.event)) continue;
      const event = message as BoardEvent;
      onEventReceived();
      board.applyEvent(event);
      options.onUpdate?.(event);
      if (event.event === 'snapshot') {
        if (isFinished(event.data.status)) return 'finished';
        if (options.seedPartial) await seedPartialResult(client, board, jobId, controller.signal);
        // events of a job finishing while the server prepared the snapshot may have been missed
        void check();
      }
      if (event.event === 'deleted') return 'finished';
      if (event.event === 'status' && isFinished(event.data.status)) return 'finished';
    }
    return finishedByPoll ? 'finished' : 'ended';
  } catch (error) {
    if (finishedByPoll) return 'finished';
    throw error;
  } finally {
    clearInterval(timer);
    controller.abort();
    options.signal?.removeEventListener('abort', stopOnAbort);
  }
}

async function seedPartialResult(client: ApiClient, board: JobBoard, jobId: string, signal: AbortSignal): Promise<void> {
  const result = await client.request<JobView['result']>('GET', `/api/jobs/${encodeURIComponent(jobId)}/result`, { query: { partial: 'true' }, signal });
  if (result) board.applyResult(jobId, result);
}
