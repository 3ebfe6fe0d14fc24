import type { FastifyInstance } from 'fastify';
import type { JobService } from '../../jobs/job-service.js';
import { HttpError } from '../../core/http-errors.js';
import { batchBodySchema, compareBodySchema, documentedBody, parseJobRequest, type JobRequestDeps } from '../job-request-parser.js';

export interface CompareRouteDeps extends JobRequestDeps {
  jobs: JobService;
}

/** bodies are validated by zod in parseJobRequest; the route schema only documents them */
const documentationOnly = { validatorCompiler: () => () => true };

/** The seed's compare endpoints: blocking ones wait for the job, async ones return its id at once. */
export function registerCompareRoutes(app: FastifyInstance, deps: CompareRouteDeps): void {
  const compareBody = documentedBody(compareBodySchema(deps.limits));
  const batchBody = documentedBody(batchBodySchema(deps.limits));
  const createJob = async (kind: 'single' | 'batch', body: unknown) => {
    const request = await parseJobRequest(kind, body, deps);
    return deps.jobs.create(kind === 'single' ? 'single_compare' : 'batch_compare', request);
  };

  const waitForResult = async (jobId: string) => {
    const job = await deps.jobs.waitForFinish(jobId);
    if (!job) throw new HttpError(410, `Job ${jobId} was deleted while running`, 'GONE');
    if (job.status !== 'completed') throw new HttpError(409, `Job ${jobId} ended ${job.status}${job.error ? `: ${job.error}` : ''}`, 'JOB_NOT_COMPLETED');
    return deps.jobs.result(job);
  };

  app.post('/api/compare', { ...documentationOnly, schema: { tags: ['compare'], summary: 'Compare models on one video and prompt (waits for the result)', body: compareBody } }, async (request) => {
    const job = await createJob('single', request.body);
    return waitForResult(job.id);
  });

  app.post('/api/batch-compare', { ...documentationOnly, schema: { tags: ['compare'], summary: 'Compare models on videos × prompts (waits for the result)', body: batchBody } }, async (request) => {
    const job = await createJob('batch', request.body);
    return waitForResult(job.id);
  });

  app.post('/api/compare-async', { ...documentationOnly, schema: { tags: ['compare'], summary: 'Start a comparison job; returns its id at once', body: compareBody } }, async (request) => {
    const job = await createJob('single', request.body);
    return { job_id: job.id, status: job.status, message: 'Comparison job started; poll GET /api/jobs/{job_id} or stream GET /api/jobs/{job_id}/events' };
  });

  app.post('/api/batch-compare-async', { ...documentationOnly, schema: { tags: ['compare'], summary: 'Start a batch comparison job; returns its id at once', body: batchBody } }, async (request) => {
    const job = await createJob('batch', request.body);
    const combinations = job.request.video_ids.length * job.request.prompts.length;
    return { job_id: job.id, status: job.status, message: `Batch job started with ${combinations} combinations` };
  });
}
