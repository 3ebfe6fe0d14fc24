import type { BatchCompareResponse, CompareResponse, JobView, Leaderboard } from './api-types.js';
import type { CliContext } from './cli-context.js';
import { JobOutcomeError, SilentExit } from './cli-errors.js';
import { followJob } from './follow-job.js';
import { JobBoard } from './job-board.js';
import { JobProgressDisplay } from './job-display.js';
import { formatCost } from './output/format.js';
import { comparisonReport, leaderboardTable, scoreMatrix } from './result-views.js';

export interface ReportLabels {
  /** video id → file name */
  videos?: Map<string, string>;
  /** prompt text → template id */
  prompts?: Map<string, string>;
}

/**
 * Aborts on Ctrl-C (the job itself keeps running on the server). Returns the
 * signal and a function that removes the handler.
 */
export function interruptSignal(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onInterrupt = () => controller.abort(new Error('interrupted'));
  process.once('SIGINT', onInterrupt);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onInterrupt) };
}

/**
 * Follows a job with live progress until it finishes, then prints its
 * result (or, under --json, the final job view).
 * @throws JobOutcomeError when the job failed or was cancelled; SilentExit(130) on Ctrl-C
 */
export interface ReportOptions {
  answers?: boolean;
  labels?: ReportLabels;
  /** false when the server stops with this process (the demo): no hints about following up on the job later */
  serverStays?: boolean;
}

export async function followAndReport(ctx: CliContext, jobId: string, options: ReportOptions = {}): Promise<JobView> {
  const { out, client } = ctx;
  const board = new JobBoard();
  const display = new JobProgressDisplay(out, board, { detailed: true });
  const interrupt = interruptSignal();
  let view: JobView;
  try {
    view = await followJob(client, board, jobId, { signal: interrupt.signal, seedPartial: true, onUpdate: (event) => display.update(event) });
  } catch (error) {
    display.finish();
    if (interrupt.signal.aborted) {
      if (options.serverStays !== false) out.error(`Stopped following; job ${jobId} keeps running on the server (vidcompare watch ${jobId}, or vidcompare jobs cancel ${jobId})`);
      throw new SilentExit(130);
    }
    throw error;
  } finally {
    interrupt.dispose();
  }
  display.finish();

  if (out.json) out.data(view);
  else if (view.result) await printJobResult(ctx, view, options);
  if (view.status !== 'completed') {
    throw new JobOutcomeError(`Job ${jobId} ${view.status}${view.error ? `: ${view.error}` : ''}`);
  }
  return view;
}

/** Prints a finished job's result: the comparison table, or the batch's scores and leaderboard. */
export async function printJobResult(ctx: CliContext, view: JobView, options: ReportOptions = {}): Promise<void> {
  const { out } = ctx;
  out.line();
  if (view.job_type === 'single_compare') {
    for (const line of comparisonReport(view.result as CompareResponse, out, { answers: options.answers })) out.line(line);
    return;
  }
  const batch = view.result as BatchCompareResponse;
  const labels = options.labels ?? (await batchLabels(ctx));
  out.line(out.style.bold(`Scores (${batch.total_videos} videos × ${batch.total_prompts} prompts = ${batch.total_combinations} combinations)`));
  out.line(scoreMatrix(batch.comparisons, out, { video: (id) => labels.videos?.get(id) ?? id, prompt: (p) => labels.prompts?.get(p) ?? p }));
  out.line();
  const leaderboard = (batch.leaderboard as Leaderboard | undefined) ?? (await ctx.client.leaderboard(view.job_id));
  out.line(out.style.bold('Leaderboard'));
  out.line(leaderboardTable(leaderboard, out));
  const cost = batch.comparisons.reduce((sum, c) => sum + c.totals.cost_usd, 0);
  const failedJudging = batch.comparisons.filter((c) => c.evaluation_error).length;
  if (failedJudging) out.line(out.style.red(`${failedJudging} combinations could not be judged`));
  const hint = options.serverStays === false ? '' : ` Export: vidcompare export ${view.job_id} --format csv`;
  out.line(out.style.dim(`Total cost ${formatCost(cost)}.${hint}`));
}

/** file names of the videos and template ids of the prompts, for a batch's score table */
async function batchLabels(ctx: CliContext): Promise<ReportLabels> {
  const [videos, templates] = await Promise.all([ctx.client.videos(), ctx.client.prompts()]);
  return { videos: videoLabels(videos), prompts: new Map(templates.map((t) => [t.prompt, t.id])) };
}

/** video id → file name, with the id added where two videos share a name */
export function videoLabels(videos: { id: string; filename: string }[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const video of videos) counts.set(video.filename, (counts.get(video.filename) ?? 0) + 1);
  return new Map(videos.map((v) => [v.id, counts.get(v.filename)! > 1 ? `${v.filename} (${v.id.slice(0, 6)})` : v.filename]));
}
