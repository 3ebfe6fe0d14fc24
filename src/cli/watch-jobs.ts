import { ApiError, type ApiClient } from './api-client.js';
import { isFinished, type JobView } from './api-types.js';
import type { BoardEvent, JobBoard } from './job-board.js';
import { readJsonSse } from './sse-client.js';

export interface WatchOptions {
  /** jobs to watch; more may be added by `addJobs` (e.g. jobs this process creates) */
  initial: () => Promise<string[]>;
  /** after the stream is open and the initial jobs are known, e.g. to create jobs */
  afterSubscribe?: () => Promise<string[]>;
  /** also watch jobs created while watching, and never stop by itself */
  follow?: boolean;
  onUpdate?: (event?: BoardEvent) => void;
  signal?: AbortSignal;
  pollMs?: number;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });

/**
 * Watches several jobs through the all-jobs stream `GET /api/events`: the
 * stream is opened first (so nothing is missed), then the jobs are looked up.
 * A periodic check of the unfinished jobs covers a lost stream. Resolves
 * with the ids watched once all of them have finished (never with `follow`).
 */
export async function watchJobs(client: ApiClient, board: JobBoard, options: WatchOptions): Promise<string[]> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  options.signal?.addEventListener('abort', stop, { once: true });
  const watched = new Set<string>();
  const done = () => !options.follow && board.allFinished(watched);

  let checking = false;
  const check = async () => {
    if (checking) return;
    checking = true;
    try {
      for (const id of watched) {
        const job = board.get(id);
        if (!job || job.deleted || isFinished(job.status)) continue;
        try {
          board.applyView(await client.job(id, controller.signal));
        } catch (error) {
          if (error instanceof ApiError && error.status === 404) board.applyEvent({ event: 'deleted', data: { job_id: id } });
          else throw error;
        }
      }
      options.onUpdate?.();
      if (done()) controller.abort();
    } finally {
      checking = false;
    }
  };

  try {
    const response = await client.events('/api/events', controller.signal);
    if (!response.body) throw new Error('The server sent an empty event stream');
    const stream = readJsonSse<BoardEvent['data']>(response.body);
    // the server subscribes this connection before it sends "ready"
    for (;;) {
      const first = await stream.next();
      if (first.done) throw new Error('The event stream ended before it was ready');
      if (first.value.event === 'ready') break;
    }
    for (const id of await options.initial()) await addJob(client, board, watched, id, controller.signal);
    for (const id of (await options.afterSubscribe?.()) ?? []) {
      watched.add(id);
      board.track(id);
    }
    options.onUpdate?.();
    if (done()) return [...watched];

    const timer = setInterval(() => {
      check().catch(() => {
        // a backup check only; the stream or the final lookups report real failures
      });
    }, options.pollMs ?? 3000);
    try {
      for await (const message of stream) {
        const event = message as BoardEvent;
        if (options.follow && event.event === 'created') watched.add(event.data.job_id);
        const job = board.applyEvent(event, { trackNew: options.follow });
        if (!job) continue;
        options.onUpdate?.(event);
        if (done()) break;
      }
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    } finally {
      clearInterval(timer);
    }
    if (options.signal?.aborted) return [...watched];
    // the stream ended early (server restart): keep checking until everything has finished
    while (!done() && !controller.signal.aborted) {
      await sleep(1000, controller.signal);
      await check();
    }
    return [...watched];
  } catch (error) {
    if (controller.signal.aborted && (done() || options.signal?.aborted)) return [...watched];
    throw error;
  } finally {
    controller.abort();
    options.signal?.removeEventListener('abort', stop);
  }
}

async function addJob(client: ApiClient, board: JobBoard, watched: Set<string>, id: string, signal: AbortSignal): Promise<void> {
  const view: JobView = await client.job(id, signal);
  watched.add(view.job_id);
  board.applyView(view);
}
