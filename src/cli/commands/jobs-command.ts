import { type Command, Option } from 'commander';
import { isFinished, type JobView } from '../api-types.js';
import { contextFor } from '../cli-context.js';
import { printJobResult } from '../follow-and-report.js';
import { positiveInt } from '../inputs.js';
import { styleStatus } from '../job-display.js';
import { formatDuration, truncate } from '../output/format.js';
import { resolveJobId } from '../short-ids.js';
import type { Output } from '../output/output.js';
import { formatTable } from '../output/table.js';

const statuses = ['pending', 'running', 'completed', 'failed', 'cancelled'];

/** wall time of a job: created → finished (or → now while it runs) */
export function jobDurationMs(view: Pick<JobView, 'created_at' | 'started_at' | 'completed_at'>, nowMs = Date.now()): number {
  const start = Date.parse(view.started_at ?? view.created_at);
  const end = view.completed_at ? Date.parse(view.completed_at) : nowMs;
  return Math.max(0, end - start);
}

function jobsTable(jobs: JobView[], out: Output): string {
  return formatTable(
    [{ header: 'id' }, { header: 'type' }, { header: 'status' }, { header: 'progress', align: 'right' }, { header: 'message' }, { header: 'created' }, { header: 'duration', align: 'right' }],
    jobs.map((job) => [
      job.job_id,
      job.job_type === 'batch_compare' ? 'batch' : 'single',
      styleStatus(job.status, out.style),
      `${Math.floor(job.progress)}%`,
      truncate(job.status === 'failed' && job.error ? job.error : job.progress_message, 40),
      job.created_at.replace('T', ' ').slice(0, 19),
      job.started_at ? formatDuration(jobDurationMs(job)) : '',
    ]),
  );
}

function describeRequest(view: JobView): string[] {
  const request = view.request_data as Record<string, unknown>;
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)]);
  const videos = list(request.video_ids ?? request.video_id);
  const prompts = list(request.prompts ?? request.prompt);
  return [
    `videos:   ${videos.join(', ')}`,
    ...prompts.map((p, i) => `${i === 0 ? 'prompts:  ' : '          '}${truncate(p, 100)}`),
    `models:   ${list(request.models).join(', ')}`,
    `judge:    ${request.judge_model ?? 'none'}`,
  ];
}

/** `jobs` (list), `jobs show`, `jobs cancel`, `jobs delete`, `jobs cleanup`. */
export function registerJobsCommand(program: Command): void {
  const jobs = program.command('jobs').description('list, inspect, cancel and delete jobs');

  jobs
    .command('list', { isDefault: true })
    .description('list jobs, newest first (the default)')
    .addOption(new Option('--status <status>', 'only jobs in this state').choices(statuses))
    .option('--limit <n>', 'at most this many jobs', positiveInt, 50)
    .action(async (options: { status?: string; limit: number }, command: Command) => {
      const ctx = contextFor(command);
      const list = await ctx.client.jobs({ status: options.status, limit: options.limit });
      if (ctx.out.json) ctx.out.data(list);
      else if (list.length === 0) ctx.out.line(options.status ? `No ${options.status} jobs.` : 'No jobs yet.');
      else ctx.out.line(jobsTable(list, ctx.out));
    });

  jobs
    .command('show')
    .description('a job\'s state and, once finished, its result')
    .argument('<id>', 'job id (or a unique prefix, such as the short id the CLI prints)')
    .option('--answers', 'also print every model\'s full answer (single comparisons)')
    .action(async (id: string, options: { answers?: boolean }, command: Command) => {
      const ctx = contextFor(command);
      const view = await ctx.client.job(await resolveJobId(ctx.client, id));
      if (ctx.out.json) {
        ctx.out.data(view);
        return;
      }
      const { out } = ctx;
      out.line(`${out.style.bold(`Job ${view.job_id}`)}  ${view.job_type}  ${styleStatus(view.status, out.style)}  ${Math.floor(view.progress)}%  ${view.progress_message}`);
      out.line(`created:  ${view.created_at}${view.started_at ? `   started: ${view.started_at}` : ''}${view.completed_at ? `   finished: ${view.completed_at} (${formatDuration(jobDurationMs(view))})` : ''}`);
      for (const line of describeRequest(view)) out.line(line);
      if (view.error) out.line(out.style.red(`error:    ${view.error}`));
      if (!isFinished(view.status)) {
        out.line(out.style.dim(`Still ${view.status}: follow it with "vidcompare watch ${view.job_id}"`));
        return;
      }
      if (view.result) await printJobResult(ctx, view, { answers: options.answers });
    });

  jobs
    .command('cancel')
    .description('cancel a pending or running job (finished answers are kept)')
    .argument('<id>', 'job id (or a unique prefix, such as the short id the CLI prints)')
    .action(async (id: string, _options: unknown, command: Command) => {
      const ctx = contextFor(command);
      const response = await ctx.client.cancelJob(await resolveJobId(ctx.client, id));
      if (ctx.out.json) ctx.out.data(response);
      else ctx.out.line(`${response.message}: ${response.job_id}`);
    });

  jobs
    .command('delete')
    .description('delete a job and its results')
    .argument('<id>', 'job id (or a unique prefix, such as the short id the CLI prints)')
    .action(async (id: string, _options: unknown, command: Command) => {
      const ctx = contextFor(command);
      const response = await ctx.client.deleteJob(await resolveJobId(ctx.client, id));
      if (ctx.out.json) ctx.out.data(response);
      else ctx.out.line(`${response.message}: ${response.job_id}`);
    });

  jobs
    .command('cleanup')
    .description('delete finished jobs older than N days')
    .option('--days <n>', 'age in days', (v) => Number(v), 7)
    .action(async (options: { days: number }, command: Command) => {
      const ctx = contextFor(command);
      const response = await ctx.client.request<{ deleted: number; message: string }>('POST', '/api/jobs/cleanup', { query: { days: options.days } });
      if (ctx.out.json) ctx.out.data(response);
      else ctx.out.line(response.message);
    });
}
