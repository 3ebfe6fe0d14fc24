import type { Command } from 'commander';
import type { BatchJobBody } from '../api-types.js';
import { contextFor } from '../cli-context.js';
import { UsageError } from '../cli-errors.js';
import { followAndReport, videoLabels } from '../follow-and-report.js';
import { collect, commaList, findTemplate, positiveInt, positiveUsd, resolveVideoIds } from '../inputs.js';
import { uploadFiles } from '../upload-files.js';
import { printEstimate } from '../estimate-view.js';

interface BatchOptions {
  videos: string[];
  prompts?: string[];
  templates?: string[];
  models?: string[];
  judge?: string;
  concurrency?: number;
  detach?: boolean;
  estimate?: boolean;
  maxCost?: number;
  geminiBatch?: boolean;
}

export function registerBatchCommand(program: Command): void {
  program
    .command('batch')
    .description('compare models on every video × prompt, with live progress, then a leaderboard')
    .requiredOption('--videos <ids|files>', 'comma-separated video ids or local files (files are uploaded first)', commaList)
    .option('--prompts <text>', 'a prompt; repeat the option for more (prompts may contain commas)', collect)
    .option('--templates <names>', 'comma-separated suggested prompts by id (see "vidcompare prompts")', commaList)
    .option('--models <ids>', 'comma-separated model ids (default: the server default, four Gemini models with a Gemini key, else the local analyzers)', commaList)
    .option('--judge <model>', 'the judge model; "none" skips judging (default: the server\'s)')
    .option('--concurrency <n>', 'combinations processed at the same time (server default 1)', positiveInt)
    .option('--gemini-batch', 'send the Gemini calls through the Gemini Batch API at half price (answers can take minutes to hours; other models run as usual)')
    .option('--detach', 'print the job id and return at once; the job runs on the server')
    .option('--estimate', 'print the estimated calls, tokens and cost, and start nothing')
    .option('--max-cost <usd>', 'budget: no call starts once the job\'s spend would pass it; the rest are skipped', positiveUsd)
    .addHelpText('after', '\nExample:\n  vidcompare batch --videos a.mp4,b.mp4 --templates editing,audio --prompts "Where is the hook?" --models local-full,local-audio')
    .action(async (options: BatchOptions, command: Command) => {
      const ctx = contextFor(command);
      const texts = (options.prompts ?? []).map((p) => p.trim()).filter(Boolean);
      if (texts.length === 0 && !options.templates?.length) throw new UsageError('give at least one --prompts TEXT or --templates NAMES');
      if (options.videos.length === 0) throw new UsageError('--videos needs at least one video id or file');
      const promptLabels = new Map<string, string>();
      const prompts = [...texts];
      if (options.templates?.length) {
        const templates = await ctx.client.prompts();
        for (const name of options.templates) {
          const template = findTemplate(templates, name);
          prompts.push(template.prompt);
          promptLabels.set(template.prompt, template.id);
        }
      }
      const { ids, names } = await resolveVideoIds(ctx.client, options.videos, (paths) => uploadFiles(ctx.client, ctx.out, paths));
      const body: BatchJobBody = { video_ids: ids, prompts };
      if (options.models) body.models = options.models;
      if (options.judge) body.judge_model = options.judge;
      if (options.concurrency) body.combination_concurrency = options.concurrency;
      if (options.maxCost !== undefined) body.max_cost_usd = options.maxCost;
      if (options.estimate) {
        printEstimate(ctx.out, await ctx.client.estimate(body));
        return;
      }
      if (options.geminiBatch) body.mode = 'batch';
      const created = await ctx.client.batchCompareAsync(body);
      if (options.detach) {
        if (ctx.out.json) ctx.out.data(created);
        else ctx.out.line(created.job_id);
        return;
      }
      ctx.out.line(`Job ${created.job_id} started: ${created.message}`);
      const labels = ctx.out.json ? names : videoLabels((await ctx.client.videos()).filter((v) => ids.includes(v.id)));
      await followAndReport(ctx, created.job_id, { labels: { videos: labels, prompts: promptLabels } });
    });
}
