import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { jobStatuses, maxJobsPage } from '../../domain/index.js';
import { JobStateError, type JobService } from '../../jobs/job-service.js';
import type { ModelsCatalogue } from '../../config/models-catalogue.js';
import type { ProviderRegistry } from '../../providers/provider-registry.js';
import { describeZodError } from '../error-handler.js';
import { badRequest, conflict, notFound } from '../../core/http-errors.js';
import { documentedBody } from '../job-request-parser.js';
import { parseRejudgeRequest, rejudgeBodySchema } from '../rejudge-request-parser.js';
import { createTurnGate } from '../turn-gate.js';

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(maxJobsPage, `limit must be at most ${maxJobsPage}; page through more jobs with offset`).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  status: z.enum(jobStatuses).optional(),
});
const cleanupQuery = z.object({ days: z.coerce.number().min(0).max(36500).default(7) });
const jobIdParams = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } as const;

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw badRequest(describeZodError(result.error));
  return result.data;
}

/** Job monitoring and control (seed paths). */
export function registerJobRoutes(app: FastifyInstance, deps: { jobs: JobService; catalogue: ModelsCatalogue; providers: ProviderRegistry }): void {
  const { jobs } = deps;
  // one listing at a time, serialised inside its turn: 200 parallel listings must not stall /health
  const listingTurn = createTurnGate(1);

  app.get('/api/jobs', { schema: { tags: ['jobs'], summary: `List jobs, newest first (a JSON array); limit 1-${maxJobsPage}, default 50`, querystring: { type: 'object', properties: { limit: { type: 'integer' }, offset: { type: 'integer' }, status: { type: 'string', enum: [...jobStatuses] } } } } }, async (request, reply) => {
    const query = parse(listQuery, request.query);
    const body = await listingTurn(async () => JSON.stringify(await jobs.list(query)));
    return reply.type('application/json; charset=utf-8').send(body);
  });

  app.get<{ Params: { id: string } }>('/api/jobs/:id', { schema: { tags: ['jobs'], summary: 'A job with its progress and, once finished, its result', params: jobIdParams } }, async (request) => {
    const view = await jobs.view(request.params.id, { withResult: true });
    if (!view) throw notFound(`Job ${request.params.id} not found`);
    return view;
  });

  app.get<{ Params: { id: string }; Querystring: { partial?: string } }>('/api/jobs/:id/result', { schema: { tags: ['jobs'], summary: 'The result of a completed job (409 before); ?partial=true returns what is stored so far', params: jobIdParams } }, async (request) => {
    const view = await jobs.view(request.params.id, { withResult: false });
    if (!view) throw notFound(`Job ${request.params.id} not found`);
    const partial = request.query.partial === 'true' || request.query.partial === '1';
    if (view.status !== 'completed' && !partial) {
      throw conflict(`Job ${request.params.id} is ${view.status}, not completed (${view.progress_message})`);
    }
    return jobs.resultFor(request.params.id);
  });

  app.post<{ Params: { id: string } }>('/api/jobs/:id/cancel', { schema: { tags: ['jobs'], summary: 'Cancel a pending or running job; finished answers are kept', params: jobIdParams } }, async (request) => {
    try {
      const job = await jobs.cancel(request.params.id);
      return { job_id: job.id, status: job.status, message: 'Job cancelled' };
    } catch (error) {
      if (error instanceof JobStateError) {
        throw error.message.includes('not found') ? notFound(error.message) : conflict(error.message);
      }
      throw error;
    }
  });

  // the body is validated by zod in parseRejudgeRequest; the route schema only documents it
  app.post<{ Params: { id: string } }>('/api/jobs/:id/rejudge', { validatorCompiler: () => () => true, schema: { tags: ['jobs'], summary: 'Judge a finished job\'s answers again with other judges: starts a new job (202) that makes no model call', params: jobIdParams, body: documentedBody(rejudgeBodySchema) } }, async (request, reply) => {
    const choice = parseRejudgeRequest(request.body, deps);
    try {
      const job = await jobs.rejudge(request.params.id, choice);
      return reply.code(202).send({ job_id: job.id, status: job.status, rejudge_of: request.params.id, message: 'Re-judging job started; it reuses every answer and runs only the judging' });
    } catch (error) {
      if (error instanceof JobStateError) {
        throw error.message.includes('not found') ? notFound(error.message) : conflict(error.message);
      }
      throw error;
    }
  });

  app.delete<{ Params: { id: string } }>('/api/jobs/:id', { schema: { tags: ['jobs'], summary: 'Delete a job and its results', params: jobIdParams } }, async (request) => {
    if (!(await jobs.delete(request.params.id))) throw notFound(`Job ${request.params.id} not found`);
    return { job_id: request.params.id, deleted: true, message: 'Job deleted' };
  });

  app.post('/api/jobs/cleanup', { schema: { tags: ['jobs'], summary: 'Delete finished jobs older than N days', querystring: { type: 'object', properties: { days: { type: 'number' } } } } }, async (request) => {
    const { days } = parse(cleanupQuery, request.query);
    const deleted = await jobs.cleanup(days);
    return { deleted, message: `Deleted ${deleted} finished jobs older than ${days} days` };
  });
}
