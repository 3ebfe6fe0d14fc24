import type { Command } from 'commander';
import type { JobCreated } from '../api-types.js';
import { contextFor } from '../cli-context.js';
import { followAndReport } from '../follow-and-report.js';
import { commaList } from '../inputs.js';
import { resolveJobId } from '../short-ids.js';

interface RejudgeOptions {
  judge: string[];
  runs?: string;
  answers?: boolean;
  detach?: boolean;
}

export function registerRejudgeCommand(program: Command): void {
  program
    .command('rejudge')
    .description('judge a finished job\'s answers again with another judge (or a panel): a new job that makes no model call')
    .argument('<job>', 'job id (or a unique prefix, such as the short id the CLI prints)')
    .requiredOption('--judge <ids>', 'the judge, or comma-separated judges for a panel (e.g. local-judge or gemini-2.5-pro,local-judge)', commaList)
    .option('--runs <n>', 'judge twice with the answer order reversed (2) or once (1); default: as the job')
    .option('--answers', 'also print every model\'s full answer and the judge\'s reasoning')
    .option('--detach', 'print the new job id and return at once')
    .action(async (job: string, options: RejudgeOptions, command: Command) => {
      const ctx = contextFor(command);
      const sourceId = await resolveJobId(ctx.client, job);
      const judges = options.judge;
      const body = {
        ...(judges.length > 1 ? { judge_models: judges } : { judge_model: judges[0] }),
        // the server refuses anything but 1 or 2, with a message naming the field
        ...(options.runs !== undefined ? { judge_runs: Number(options.runs) } : {}),
      };
      const created = await ctx.client.request<JobCreated>('POST', `/api/jobs/${encodeURIComponent(sourceId)}/rejudge`, { json: body });
      if (options.detach) {
        if (ctx.out.json) ctx.out.data(created);
        else ctx.out.line(created.job_id);
        return;
      }
      ctx.out.line(`Job ${created.job_id} judges the answers of ${sourceId} again (${ctx.out.style.dim('Ctrl-C stops following; the job keeps running')})`);
      await followAndReport(ctx, created.job_id, { answers: options.answers });
    });
}
