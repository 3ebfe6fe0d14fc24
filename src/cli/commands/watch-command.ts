import type { Command } from 'commander';
import type { JobView } from '../api-types.js';
import { contextFor, type CliContext } from '../cli-context.js';
import { JobOutcomeError, SilentExit, UsageError } from '../cli-errors.js';
import { interruptSignal } from '../follow-and-report.js';
import { commaList, positiveInt, resolvePrompts, resolveVideoIds } from '../inputs.js';
import { resolveJobIds } from '../short-ids.js';
import { JobBoard } from '../job-board.js';
import { JobProgressDisplay, styleStatus } from '../job-display.js';
import { formatDuration, truncate } from '../output/format.js';
import { formatTable } from '../output/table.js';
import { uploadFiles } from '../upload-files.js';
import { watchJobs } from '../watch-jobs.js';
import { jobDurationMs } from './jobs-command.js';

interface WatchOptions {
  follow?: boolean;
  start?: number;
  video?: string;
  prompt?: string;
  template?: string;
  models?: string[];
  judge?: string;
}

const defaultTemplate = 'editing';

/** `watch [IDs...]` and `watch --start N --video ID`: live progress bars for several jobs at once. */
export function registerWatchCommand(program: Command): void {
  program
    .command('watch')
    .description('live progress of several jobs at once (default: every running job)')
    .argument('[ids...]', 'job ids or unique prefixes (default: every pending or running job)')
    .option('--follow', 'also watch jobs started while watching; stop with Ctrl-C')
    .option('--start <n>', 'start N comparisons on one video at once and watch them (the concurrent-jobs demo)', positiveInt)
    .option('--video <id|file>', 'with --start: the video (an id, or a local file uploaded first)')
    .option('--prompt <text>', 'with --start: the prompt')
    .option('--template <name>', `with --start: a suggested prompt (default ${defaultTemplate})`)
    .option('--models <ids>', 'with --start: comma-separated model ids', commaList)
    .option('--judge <model>', 'with --start: the judge model ("none" skips judging)')
    .addHelpText('after', '\nExamples:\n  vidcompare watch\n  vidcompare watch --start 5 --video clip.mp4 --models local-full,local-shots')
    .action(async (ids: string[], options: WatchOptions, command: Command) => {
      const ctx = contextFor(command);
      if (options.start === undefined && (options.video || options.prompt || options.template || options.models || options.judge)) {
        throw new UsageError('--video, --prompt, --template, --models and --judge go with --start N');
      }
      if (options.start !== undefined && ids.length > 0) throw new UsageError('give job ids or --start N, not both');
      if (options.start !== undefined && !options.video) throw new UsageError('--start needs --video ID|FILE');
      if (options.prompt !== undefined && options.template !== undefined) throw new UsageError('give --prompt or --template, not both');
      await runWatch(ctx, ids.length > 0 ? await resolveJobIds(ctx.client, ids) : ids, options);
    });
}

async function runWatch(ctx: CliContext, ids: string[], options: WatchOptions): Promise<void> {
  const { client, out } = ctx;
  let startRequest: { video_id: string; prompt: string; models?: string[]; judge_model?: string } | undefined;
  if (options.start !== undefined) {
    const [prompt] = await resolvePrompts(client, options.prompt !== undefined ? [options.prompt] : [], options.prompt !== undefined ? [] : [options.template ?? defaultTemplate]);
    if (!prompt) throw new UsageError('--prompt must not be empty');
    const { ids: videoIds } = await resolveVideoIds(client, [options.video!], (paths) => uploadFiles(client, out, paths));
    startRequest = { video_id: videoIds[0]!, prompt, ...(options.models ? { models: options.models } : {}), ...(options.judge ? { judge_model: options.judge } : {}) };
  }

  const board = new JobBoard();
  const order: string[] = [];
  const display = new JobProgressDisplay(out, board, { detailed: false, order: () => order.filter((id) => board.get(id)) });
  const interrupt = interruptSignal();
  let wallStart = 0;
  let createdInMs = 0;
  let watched: string[];
  try {
    watched = await watchJobs(client, board, {
      follow: options.follow,
      signal: interrupt.signal,
      onUpdate: (event) => {
        for (const id of board.jobs.keys()) if (!order.includes(id)) order.push(id);
        display.update(event);
      },
      initial: async () => {
        if (startRequest) return [];
        if (ids.length > 0) return ids;
        const [running, pending] = await Promise.all([client.allJobs('running'), client.allJobs('pending')]);
        return [...pending, ...running].map((job) => job.job_id);
      },
      afterSubscribe: async () => {
        if (!startRequest) return [];
        const request = startRequest;
        wallStart = performance.now();
        const created = await Promise.all(Array.from({ length: options.start! }, () => client.compareAsync(request)));
        createdInMs = performance.now() - wallStart;
        out.line(`Created ${created.length} jobs in ${formatDuration(createdInMs)} (creating a job never waits for another)`);
        return created.map((c) => c.job_id);
      },
    });
  } catch (error) {
    display.finish();
    throw error;
  } finally {
    interrupt.dispose();
  }
  display.finish();
  const wallMs = startRequest ? performance.now() - wallStart : undefined;
  if (interrupt.signal.aborted) {
    out.error('Stopped watching; the jobs keep running on the server');
    throw new SilentExit(130);
  }
  if (watched.length === 0) {
    if (out.json) out.data({ jobs: [] });
    else out.line(options.follow ? 'No jobs.' : 'No running jobs. Start one with "vidcompare compare" or "vidcompare batch".');
    return;
  }

  const views = await finalViews(ctx, watched);
  const sumMs = views.reduce((sum, view) => sum + (view.completed_at ? jobDurationMs(view) : 0), 0);
  if (out.json) {
    out.data({
      jobs: views.map(({ result: _result, ...view }) => view),
      ...(wallMs !== undefined ? { created_in_ms: Math.round(createdInMs), wall_ms: Math.round(wallMs), sum_of_job_durations_ms: sumMs } : {}),
    });
  } else {
    out.line();
    out.line(
      formatTable(
        [{ header: 'job' }, { header: 'type' }, { header: 'status' }, { header: 'duration', align: 'right' }, { header: 'message' }],
        views.map((view) => [
          view.job_id,
          view.job_type === 'batch_compare' ? 'batch' : 'single',
          styleStatus(view.status, out.style),
          formatDuration(jobDurationMs(view)),
          truncate(view.error ?? view.progress_message, 50),
        ]),
      ),
    );
    if (wallMs !== undefined) {
      const speedup = wallMs > 0 ? sumMs / wallMs : 0;
      out.line();
      out.line(`Wall time for all ${views.length} jobs: ${formatDuration(wallMs)}; sum of the job durations: ${formatDuration(sumMs)}`);
      out.line(`Sum / wall = ${speedup.toFixed(1)}× (1× would mean one job after another, ${views.length}× fully concurrent)`);
    }
  }
  const unsuccessful = views.filter((view) => view.status !== 'completed');
  const deleted = watched.length - views.length;
  if (unsuccessful.length > 0 || deleted > 0) {
    const parts = unsuccessful.map((view) => `${view.job_id} ${view.status}`);
    if (deleted > 0) parts.push(`${deleted} deleted`);
    throw new JobOutcomeError(`${unsuccessful.length + deleted} of ${watched.length} jobs did not complete: ${parts.join(', ')}`);
  }
}

/** the final view of each watched job (deleted ones are left out) */
async function finalViews(ctx: CliContext, ids: string[]): Promise<JobView[]> {
  const views = await Promise.all(
    ids.map((id) =>
      ctx.client.job(id).catch((error: unknown) => {
        if ((error as { status?: number }).status === 404) return undefined;
        throw error;
      }),
    ),
  );
  return views.filter((view): view is JobView => view !== undefined);
}
