import type { Command } from 'commander';
import type { CompareJobBody } from '../api-types.js';
import { contextFor } from '../cli-context.js';
import { UsageError } from '../cli-errors.js';
import { followAndReport } from '../follow-and-report.js';
import { commaList, resolvePrompts, positiveUsd, resolveVideoIds } from '../inputs.js';
import { uploadFiles } from '../upload-files.js';
import { printEstimate } from '../estimate-view.js';

interface CompareOptions {
  video: string;
  prompt?: string;
  template?: string;
  models?: string[];
  judge?: string;
  answers?: boolean;
  detach?: boolean;
  estimate?: boolean;
  maxCost?: number;
}

export function registerCompareCommand(program: Command): void {
  program
    .command('compare')
    .description('compare models on one video and one prompt, with live progress, then a table of scores')
    .requiredOption('--video <id|file>', 'an uploaded video id, or a local file (uploaded first)')
    .option('--prompt <text>', 'the prompt')
    .option('--template <name>', 'a suggested prompt by id or name (see "vidcompare prompts")')
    .option('--models <ids>', 'comma-separated model ids (default: the server default, four Gemini models with a Gemini key, else the local analyzers)', commaList)
    .option('--judge <model>', 'the judge model; "none" skips judging (default: the server\'s)')
    .option('--answers', 'also print every model\'s full answer and the judge\'s reasoning')
    .option('--detach', 'print the job id and return at once; the job runs on the server')
    .option('--estimate', 'print the estimated calls, tokens and cost, and start nothing')
    .option('--max-cost <usd>', 'budget: no call starts once the job\'s spend would pass it; the rest are skipped', positiveUsd)
    .addHelpText('after', '\nExample:\n  vidcompare compare --video clip.mp4 --template editing --models local-full,local-shots --judge local-judge')
    .action(async (options: CompareOptions, command: Command) => {
      const ctx = contextFor(command);
      if ((options.prompt === undefined) === (options.template === undefined)) {
        throw new UsageError('give either --prompt TEXT or --template NAME (exactly one)');
      }
      const [prompt] = await resolvePrompts(ctx.client, options.prompt !== undefined ? [options.prompt] : [], options.template ? [options.template] : []);
      if (!prompt) throw new UsageError('--prompt must not be empty');
      const { ids } = await resolveVideoIds(ctx.client, [options.video], (paths) => uploadFiles(ctx.client, ctx.out, paths));
      const body: CompareJobBody = { video_id: ids[0]!, prompt };
      if (options.models) body.models = options.models;
      if (options.judge) body.judge_model = options.judge;
      if (options.maxCost !== undefined) body.max_cost_usd = options.maxCost;
      if (options.estimate) {
        printEstimate(ctx.out, await ctx.client.estimate(body));
        return;
      }
      const created = await ctx.client.compareAsync(body);
      if (options.detach) {
        if (ctx.out.json) ctx.out.data(created);
        else ctx.out.line(created.job_id);
        return;
      }
      ctx.out.line(`Job ${created.job_id} started (${ctx.out.style.dim('Ctrl-C stops following; the job keeps running')})`);
      await followAndReport(ctx, created.job_id, { answers: options.answers });
    });
}
