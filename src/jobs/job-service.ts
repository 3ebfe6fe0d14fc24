import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { ModelsCatalogue } from '../config/models-catalogue.js';
import { finishedJobStatuses, type JobRecord, type JobRequest, type JobStatus, type JobType } from '../domain/index.js';
import type { Logger } from '../logging/logger.js';
import { freeingSpace, type SpaceReserve } from '../store/space-reserve.js';
import { isTransientStorageError } from '../store/storage-failures.js';
import type { NewJob, Store } from '../store/store.js';
import type { Dispatcher } from './dispatcher.js';
import { InProcessJobCancellation, type JobCancellation } from './job-cancellation.js';
import type { JobEvents } from './job-events.js';
import { computeProgress } from './job-progress.js';
import { runJobWork } from './job-runner.js';
import { planRejudge, type JudgeChoice } from './plan-rejudge.js';
import type { StoreWriteRetry } from './retry-store-write.js';
import { buildComparisons, buildJobView, buildResult, type JobView } from './job-views.js';

export interface JobServiceDeps {
  store: Store;
  dispatcher: Dispatcher;
  events: JobEvents;
  catalogue: ModelsCatalogue;
  logger: Logger;
  now: () => number;
  /** reaches every process running the job's work; in-process by default */
  cancellation?: JobCancellation;
  /** status writes are retried through this while the disk is full */
  retryWrite: StoreWriteRetry;
  /** lets deleting jobs work on a full disk */
  spaceReserve?: SpaceReserve;
}

interface ActiveJob {
  controller: AbortController;
  done: Promise<void>;
  /** set synchronously once the final status is decided, so cancel and completion cannot both win */
  settled: boolean;
}

export class JobStateError extends Error {
  override name = 'JobStateError';
}

/** one combination per video × prompt (how `create` lays out the items) */
function itemCountOf(job: JobRecord): number {
  return job.request.video_ids.length * job.request.prompts.length;
}

/** Shutdown is not cancellation: the job stays `running` and resumes at the next start. */
const shutdownReason = new Error('server shutting down');

/** Job lifecycle: create (instantly), run in the background, resume, cancel, delete. */
export class JobService {
  private readonly active = new Map<string, ActiveJob>();
  private readonly cancellation: JobCancellation;
  private readonly stopListening: () => void;

  constructor(private readonly deps: JobServiceDeps) {
    this.cancellation = deps.cancellation ?? new InProcessJobCancellation();
    // a job cancelled through another API node stops here too, without being finished twice
    this.stopListening = this.cancellation.subscribe((jobId) => this.abortLocally(jobId, 'cancelled by user'));
  }

  /** Stores the job and starts it in the background; returns at once. */
  async create(jobType: JobType, request: JobRequest): Promise<JobRecord> {
    const job: JobRecord = {
      id: randomUUID(),
      job_type: jobType,
      status: 'pending',
      created_at: this.isoNow(),
      started_at: null,
      completed_at: null,
      request,
      error: null,
    };
    const items = [];
    let itemIndex = 0;
    for (const videoId of request.video_ids) {
      for (const prompt of request.prompts) items.push({ job_id: job.id, item_index: itemIndex++, video_id: videoId, prompt });
    }
    return this.launch({ job, items });
  }

  /**
   * Starts a job judging a finished job's answers again with other judges:
   * it reuses every answer (no model call) and runs only the judging.
   * @throws JobStateError when the source job is unknown or not finished
   */
  async rejudge(sourceId: string, choice: JudgeChoice): Promise<JobRecord> {
    const source = await this.deps.store.getJob(sourceId);
    if (!source) throw new JobStateError(`Job ${sourceId} not found`);
    if (!finishedJobStatuses.includes(source.status)) {
      throw new JobStateError(`Job ${sourceId} is still ${source.status}; it can be judged again once it has finished`);
    }
    const [items, runs] = await Promise.all([this.deps.store.getJobItems(sourceId), this.deps.store.getModelRuns(sourceId)]);
    return this.launch(planRejudge({ job: source, items, runs }, choice, { id: randomUUID(), createdAt: this.isoNow() }));
  }

  private async launch(newJob: NewJob): Promise<JobRecord> {
    const { job } = newJob;
    await this.deps.store.createJob(newJob);
    this.deps.events.emit('created', { job_id: job.id, job_type: job.job_type });
    this.start(job);
    return job;
  }

  /** Restarts every pending or running job found in the store (after a restart or crash). */
  async resumeUnfinished(): Promise<number> {
    const jobs = await this.deps.store.listUnfinishedJobs();
    for (const job of jobs) this.start(job);
    if (jobs.length) this.deps.logger.info({ count: jobs.length }, 'resumed unfinished jobs');
    return jobs.length;
  }

  async view(jobId: string, options: { withResult: boolean }): Promise<JobView | undefined> {
    const job = await this.deps.store.getJob(jobId);
    if (!job) return undefined;
    const counts = (await this.deps.store.progressCounts([jobId])).get(jobId) ?? [];
    const finished = finishedJobStatuses.includes(job.status);
    const result = options.withResult && finished ? await this.result(job) : null;
    return buildJobView(job, itemCountOf(job), counts, this.deps.now(), result);
  }

  async list(query: { limit: number; offset?: number; status?: JobStatus }): Promise<JobView[]> {
    const jobs = await this.deps.store.listJobs(query);
    const counts = await this.deps.store.progressCounts(jobs.map((j) => j.id));
    return jobs.map((job) => buildJobView(job, itemCountOf(job), counts.get(job.id) ?? [], this.deps.now(), null));
  }

  /** The comparisons stored so far (complete once the job has finished). */
  async result(job: JobRecord): Promise<JobView['result']> {
    const [items, runs, evaluations] = await Promise.all([
      this.deps.store.getJobItems(job.id),
      this.deps.store.getModelRuns(job.id),
      this.deps.store.getEvaluations(job.id),
    ]);
    return buildResult(job, buildComparisons(this.deps.catalogue, job, items, runs, evaluations));
  }

  async resultFor(jobId: string): Promise<JobView['result']> {
    const job = await this.deps.store.getJob(jobId);
    return job ? this.result(job) : null;
  }

  /** Cancels a pending or running job: in-flight calls are aborted, finished answers are kept. */
  async cancel(jobId: string): Promise<JobRecord> {
    const job = await this.deps.store.getJob(jobId);
    if (!job) throw new JobStateError(`Job ${jobId} not found`);
    const active = this.active.get(jobId);
    if (finishedJobStatuses.includes(job.status) || active?.settled) {
      throw new JobStateError(`Job ${jobId} is already ${job.status} and cannot be cancelled`);
    }
    this.abortLocally(jobId, 'cancelled by user');
    await this.finish(jobId, 'cancelled', null);
    await this.cancellation.cancel(jobId);
    return (await this.deps.store.getJob(jobId))!;
  }

  /** Deletes a job and everything stored for it; a running job is cancelled first. */
  async delete(jobId: string): Promise<boolean> {
    const active = this.active.get(jobId);
    if (active) {
      active.settled = true;
      active.controller.abort(new Error('job deleted'));
      await active.done;
    }
    const { store, spaceReserve } = this.deps;
    const deleted = await freeingSpace(spaceReserve, () => store.deleteJob(jobId));
    if (deleted) {
      // work of this job running in other processes stops too
      await this.cancellation.cancel(jobId);
      this.deps.events.emit('deleted', { job_id: jobId });
    }
    return deleted;
  }

  async cleanup(olderThanDays: number): Promise<number> {
    const cutoff = new Date(this.deps.now() - olderThanDays * 86_400_000).toISOString();
    const { store, spaceReserve } = this.deps;
    return freeingSpace(spaceReserve, () => store.deleteFinishedJobsBefore(cutoff));
  }

  /** Resolves when the job has reached a final status. */
  async waitForFinish(jobId: string): Promise<JobRecord | undefined> {
    await this.active.get(jobId)?.done;
    return this.deps.store.getJob(jobId);
  }

  /** Stops running jobs without marking them cancelled, so the next start resumes them. */
  async shutdown(): Promise<void> {
    this.stopListening();
    const running = [...this.active.values()];
    for (const active of running) {
      active.settled = true;
      active.controller.abort(shutdownReason);
    }
    await Promise.allSettled(running.map((a) => a.done));
  }

  async publishProgress(jobId: string, eventType: 'progress' | 'status' = 'progress'): Promise<void> {
    const job = await this.deps.store.getJob(jobId);
    if (!job) return;
    const counts = (await this.deps.store.progressCounts([jobId])).get(jobId) ?? [];
    this.deps.events.emit(eventType, computeProgress({ job, itemCount: itemCountOf(job), counts, nowMs: this.deps.now() }));
  }

  private abortLocally(jobId: string, reason: string): void {
    const active = this.active.get(jobId);
    if (!active || active.settled) return;
    active.settled = true;
    active.controller.abort(new Error(reason));
  }

  private start(job: JobRecord): void {
    if (this.active.has(job.id)) return;
    const controller = new AbortController();
    // every in-flight call of the job listens to this one signal
    setMaxListeners(0, controller.signal);
    const entry: ActiveJob = { controller, settled: false, done: Promise.resolve() };
    this.active.set(job.id, entry);
    entry.done = this.execute(job, entry)
      .catch((error) =>
        this.deps.logger.error(
          { job_id: job.id, err: error },
          isTransientStorageError(error)
            ? 'job status could not be stored (disk full or database busy); the job stays unfinished and resumes at the next start'
            : 'job bookkeeping failed',
        ),
      )
      .finally(() => this.active.delete(job.id));
  }

  private async execute(job: JobRecord, entry: ActiveJob): Promise<void> {
    // let the creating request answer before any work starts
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (entry.settled) return;
    if (job.status === 'pending') {
      const startedAt = this.isoNow();
      await this.deps.retryWrite('mark a job running', () => this.deps.store.updateJob(job.id, { status: 'running', started_at: startedAt }));
      job = { ...job, status: 'running', started_at: startedAt };
      await this.publishProgress(job.id, 'status');
    }
    const outcome = await runJobWork(
      { store: this.deps.store, dispatcher: this.deps.dispatcher, logger: this.deps.logger, onProgress: (id) => this.publishProgress(id) },
      job,
      entry.controller.signal,
    );
    if (entry.settled) return;
    entry.settled = true;
    if (outcome.kind === 'finished') await this.finish(job.id, 'completed', null);
    // a result that could not be stored is not the job's failure: left unfinished, it resumes at the next start
    else if (outcome.kind === 'failed' && isTransientStorageError(outcome.error)) throw outcome.error;
    else if (outcome.kind === 'failed') await this.finish(job.id, 'failed', outcome.error.message);
  }

  private async finish(jobId: string, status: JobStatus, error: string | null): Promise<void> {
    const completedAt = this.isoNow();
    await this.deps.retryWrite(`mark a job ${status}`, () => this.deps.store.updateJob(jobId, { status, completed_at: completedAt, error }));
    await this.publishProgress(jobId, 'status');
  }

  private isoNow(): string {
    return new Date(this.deps.now()).toISOString();
  }
}
