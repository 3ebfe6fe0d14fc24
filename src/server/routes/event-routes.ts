import type { FastifyInstance, FastifyReply } from 'fastify';
import { apiTimestampNow } from '../../domain/api-timestamp.js';
import { finishedJobStatuses } from '../../domain/index.js';
import type { AnyJobEvent, JobEvents } from '../../jobs/job-events.js';
import type { JobService } from '../../jobs/job-service.js';
import { notFound } from '../../core/http-errors.js';
import { tokenInQueryRoute } from '../security/route-access.js';

const heartbeatMs = 15_000;

/** Server-Sent Events: live job progress and results, per job or for all jobs. */
export function registerEventRoutes(app: FastifyInstance, deps: { jobs: JobService; events: JobEvents; allowedOrigin?: (origin: string | undefined) => string | undefined }): void {
  app.get<{ Params: { id: string } }>('/api/jobs/:id/events', { config: tokenInQueryRoute, schema: { tags: ['events'], summary: 'SSE stream of one job: snapshot, progress, model_result, evaluation, status; ends when the job finishes' } }, async (request, reply) => {
    const jobId = request.params.id;
    // subscribe before reading the snapshot, so an event between the two is not lost
    const early: AnyJobEvent[] = [];
    let forward: (event: AnyJobEvent) => void = (event) => early.push(event);
    const unsubscribe = deps.events.subscribe((event) => {
      if (event.data.job_id === jobId) forward(event);
    });
    const snapshot = await deps.jobs.view(jobId, { withResult: false }).catch((error: unknown) => {
      unsubscribe();
      throw error;
    });
    if (!snapshot) {
      unsubscribe();
      throw notFound(`Job ${jobId} not found`);
    }
    const stream = openEventStream(reply, request.headers.origin, deps.allowedOrigin);
    stream.onClose(unsubscribe);
    stream.send('snapshot', snapshot);
    if (finishedJobStatuses.includes(snapshot.status)) return stream.end();
    forward = (event) => {
      stream.send(event.type, event.data);
      if (isFinalEvent(event)) stream.end();
    };
    for (const event of early.splice(0)) forward(event);
  });

  app.get('/api/events', { config: tokenInQueryRoute, schema: { tags: ['events'], summary: 'SSE stream of every job event' } }, async (request, reply) => {
    const stream = openEventStream(reply, request.headers.origin, deps.allowedOrigin);
    stream.send('ready', { at: apiTimestampNow() });
    stream.onClose(deps.events.subscribe((event) => stream.send(event.type, event.data)));
  });
}

function isFinalEvent(event: AnyJobEvent): boolean {
  return (event.type === 'status' && finishedJobStatuses.includes(event.data.status)) || event.type === 'deleted';
}

function openEventStream(reply: FastifyReply, origin: string | undefined, allowedOrigin?: (origin: string | undefined) => string | undefined) {
  reply.hijack();
  const raw = reply.raw;
  const corsOrigin = allowedOrigin?.(origin);
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    ...(corsOrigin ? { 'access-control-allow-origin': corsOrigin, vary: 'Origin' } : {}),
  });
  raw.write('retry: 2000\n\n');
  const cleanups: (() => void)[] = [];
  const heartbeat = setInterval(() => raw.write(': ping\n\n'), heartbeatMs);
  cleanups.push(() => clearInterval(heartbeat));
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    for (const cleanup of cleanups) cleanup();
  };
  raw.on('close', close);
  return {
    send(type: string, data: unknown) {
      if (!closed) raw.write(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    end() {
      close();
      raw.end();
    },
    onClose(cleanup: () => void) {
      if (closed) cleanup();
      else cleanups.push(cleanup);
    },
  };
}
