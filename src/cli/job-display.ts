import { isFinished } from './api-types.js';
import { type BoardEvent, type JobBoard, runCounts, type TrackedJob } from './job-board.js';
import { formatEta, shortId, truncate } from './output/format.js';
import type { Output, Styles } from './output/output.js';
import { LiveArea, renderBar } from './output/progress-bar.js';

export function styleStatus(status: string, style: Styles): string {
  switch (status) {
    case 'completed':
      return style.green(status);
    case 'failed':
      return style.red(status);
    case 'cancelled':
      return style.yellow(status);
    case 'running':
      return style.cyan(status);
    default:
      return style.dim(status);
  }
}

/** `3f2a9c1d  running    [████░░░░]  40%  Combination 1/2: 2/4 models done  ETA 3.1 s` */
export function jobLine(job: TrackedJob, out: Output): string {
  const status = job.deleted ? out.style.yellow('deleted') : styleStatus(job.status, out.style);
  const pad = ' '.repeat(Math.max(0, 9 - (job.deleted ? 7 : job.status.length)));
  const percent = `${String(Math.floor(job.progress)).padStart(3)}%`;
  const eta = isFinished(job.status) ? '' : formatEta(job.etaSeconds);
  const head = `${shortId(job.id)}  ${status}${pad}  ${renderBar(job.progress / 100, 20)} ${percent}  `;
  const room = Math.max(10, out.width - 52 - eta.length);
  const message = job.error && job.status === 'failed' ? job.error : job.message;
  return `${head}${truncate(message, room)}${eta ? `  ${out.style.dim(eta)}` : ''}`;
}

/** one line per answer model and one for the judge, under a job's line */
export function modelLines(job: TrackedJob, out: Output): string[] {
  const { style } = out;
  const width = Math.max(5, ...job.models.map((m) => m.length));
  const lines = job.models.map((model) => {
    const { succeeded, failed, skipped } = runCounts(job, model);
    const settled = succeeded + failed + skipped;
    let state: string;
    if (job.items === 1) {
      if (failed > 0) state = style.red(`✗ failed${job.runErrors.get(model) ? `: ${truncate(job.runErrors.get(model)!, 60)}` : ''}`);
      else if (succeeded > 0) state = style.green('✓ done');
      else if (skipped > 0) state = style.dim('skipped: budget reached');
      else state = isFinished(job.status) ? style.dim('not run') : style.dim('… running');
    } else {
      state = `${style.green(`✓ ${succeeded}`)}${failed ? `  ${style.red(`✗ ${failed}`)}` : ''}${skipped ? `  ${style.dim(`${skipped} skipped (budget)`)}` : ''}  ${style.dim(`${settled}/${job.items}`)}`;
    }
    return `    ${model.padEnd(width)}  ${state}`;
  });
  if (job.judge) {
    const judged = job.evaluations.size;
    const failed = [...job.evaluations.values()].filter((o) => o === 'failed').length;
    let state: string;
    if (job.items === 1) state = failed ? style.red('✗ failed') : judged ? style.green('✓ scored') : style.dim('waiting for the answers');
    else state = `${style.green(`✓ ${judged - failed}`)}${failed ? `  ${style.red(`✗ ${failed}`)}` : ''}  ${style.dim(`${judged}/${job.items} judged`)}`;
    lines.push(`    ${'judge'.padEnd(width)}  ${state}  ${style.dim(`(${job.judge})`)}`);
  }
  return lines;
}

/**
 * Shows the jobs of a board while they run: redrawn bars on a terminal
 * (with per-model lines when `detailed`), plain lines on changes otherwise.
 */
export class JobProgressDisplay {
  private readonly live: LiveArea | undefined;
  private readonly printed = new Map<string, string>();

  constructor(
    private readonly out: Output,
    private readonly board: JobBoard,
    private readonly options: { detailed: boolean; order?: () => string[] },
  ) {
    this.live = out.interactive ? new LiveArea(out.stdout) : undefined;
  }

  /** call after applying an event (or a view) to the board */
  update(event?: BoardEvent): void {
    if (this.live) {
      this.live.update(this.lines());
      return;
    }
    if (!event) {
      for (const job of this.jobs()) this.printStatusIfChanged(job);
      return;
    }
    if (event.event === 'snapshot') return this.printStatusIfChanged(this.board.get(event.data.job_id));
    const job = this.board.get(event.data.job_id);
    if (!job) return;
    const label = `job ${shortId(job.id)}:`;
    const item = job.items > 1 && 'item_index' in event.data ? ` (combination ${event.data.item_index + 1}/${job.items})` : '';
    switch (event.event) {
      case 'model_result':
        if (this.options.detailed) {
          this.out.line(`${label} ${event.data.model_id} ${event.data.status}${item}${event.data.error ? `: ${truncate(event.data.error, 120)}` : ''}`);
        }
        break;
      case 'evaluation':
        if (this.options.detailed) this.out.line(`${label} judge ${event.data.status}${item}${event.data.error ? `: ${truncate(event.data.error, 120)}` : ''}`);
        break;
      case 'retry':
        this.out.line(`${label} ${event.data.model_id} retry ${event.data.attempt} in ${Math.round(event.data.delay_ms)} ms: ${truncate(event.data.error, 100)}`);
        break;
      case 'deleted':
        this.out.line(`${label} deleted`);
        break;
      default:
        this.printStatusIfChanged(job);
    }
  }

  /** draws the final state (terminal) and stops redrawing */
  finish(): void {
    if (this.live) {
      this.live.update(this.lines());
      this.live.finish();
    } else {
      for (const job of this.jobs()) this.printStatusIfChanged(job);
    }
  }

  private jobs(): TrackedJob[] {
    const ids = this.options.order?.() ?? [...this.board.jobs.keys()];
    return ids.map((id) => this.board.get(id)).filter((job): job is TrackedJob => job !== undefined);
  }

  private lines(): string[] {
    return this.jobs().flatMap((job) => [jobLine(job, this.out), ...(this.options.detailed ? modelLines(job, this.out) : [])]);
  }

  private printStatusIfChanged(job: TrackedJob | undefined): void {
    if (!job) return;
    const text = `${job.status} ${Math.floor(job.progress)}% ${job.message}`.trimEnd();
    if (this.printed.get(job.id) === text) return;
    this.printed.set(job.id, text);
    const error = job.status === 'failed' && job.error ? `: ${job.error}` : '';
    this.out.line(`job ${shortId(job.id)}: ${text}${error}`);
  }
}
