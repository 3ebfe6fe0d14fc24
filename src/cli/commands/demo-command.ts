import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { ApiClient } from '../api-client.js';
import type { CliContext } from '../cli-context.js';
import { contextFor } from '../cli-context.js';
import { followAndReport, videoLabels } from '../follow-and-report.js';
import { formatDuration } from '../output/format.js';
import { defaultLocalModelIds } from '../../config/default-models.js';

const demoTemplates = ['transitions-pacing', 'audio'];
const localJudge = 'local-judge';

/**
 * `demo`: offline and without any key. Starts a server in this process on a
 * free port, adds the two sample videos (made with ffmpeg), runs a batch
 * with the local models and the local judge, prints the leaderboard.
 */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('offline demo, no key needed: sample videos, local models, local judge, a leaderboard')
    .option('--keep-data', 'keep the temporary data folder (when VIDCOMPARE_DATA_DIR is not set)')
    .action(async (options: { keepData?: boolean }, command: Command) => {
      const ctx = contextFor(command);
      await runDemo(ctx, options);
    });
}

async function runDemo(ctx: CliContext, options: { keepData?: boolean }): Promise<void> {
  const { out } = ctx;
  const started = performance.now();
  // loaded here so the other commands do not pay for the server's modules
  const [{ parseEnv }, { configSource }, { createApplication }, { silentLogger }] = await Promise.all([
    import('../../config/env.js'),
    import('../../config/config-source.js'),
    import('../../app/create-application.js'),
    import('../../logging/logger.js'),
  ]);
  const configuredDir = ctx.config.dataDir;
  const dataDir = configuredDir ? resolve(configuredDir) : mkdtempSync(join(tmpdir(), 'vidcompare-demo-'));
  const removeDataDir = !configuredDir && !options.keepData;
  const token = ctx.globals.token;
  const env = parseEnv({
    ...configSource(),
    HOST: '127.0.0.1',
    PORT: '0',
    VIDCOMPARE_DATA_DIR: dataDir,
    VIDCOMPARE_TOKEN: token ?? '',
  });
  const application = await createApplication(env, { logger: silentLogger() });
  let closing: Promise<void> | undefined;
  const shutDown = () =>
    (closing ??= application.close().finally(() => {
      if (removeDataDir) rmSync(dataDir, { recursive: true, force: true });
    }));
  // Ctrl-C at any step (ffmpeg, the batch) still closes the database and removes the temporary folder
  const onInterrupt = () => {
    out.error('Interrupted: stopping the demo server');
    shutDown().finally(() => process.exit(130));
  };
  process.once('SIGINT', onInterrupt);
  try {
    const url = await application.start();
    out.line(`Demo server on ${url} (data in ${dataDir}${removeDataDir ? ', removed at the end' : ''})`);
    const demo: CliContext = { ...ctx, client: new ApiClient({ baseUrl: url, token }) };

    out.line('Making the two sample videos with ffmpeg (known cuts and silences)…');
    const videos = await demo.client.addSampleVideos();
    for (const video of videos) out.line(`  ${video.id}  ${video.filename}  ${formatDuration(video.duration_s * 1000)}`);

    const { details } = await demo.client.models();
    // the measuring analyzers (the server's default set without a key); OCR is left to those who pick it
    const models = defaultLocalModelIds.filter((id) => details.some((d) => d.id === id && d.available));
    if (models.length === 0) throw new Error('No local model is available on the demo server');
    const templates = await demo.client.prompts();
    const chosen = demoTemplates.map((id) => templates.find((t) => t.id === id)).filter((t) => t !== undefined);
    const prompts = chosen.length > 0 ? chosen.map((t) => t.prompt) : templates.slice(0, 2).map((t) => t.prompt);
    const labels = new Map((chosen.length > 0 ? chosen : templates.slice(0, 2)).map((t) => [t.prompt, t.id]));

    const created = await demo.client.batchCompareAsync({ video_ids: videos.map((v) => v.id), prompts, models, judge_model: localJudge, combination_concurrency: 2 });
    out.line(`Batch job ${created.job_id}: ${videos.length} videos × ${prompts.length} prompts, models ${models.join(', ')}, judge ${localJudge}`);
    await followAndReport(demo, created.job_id, { labels: { videos: videoLabels(videos), prompts: labels }, serverStays: false });

    out.line();
    out.line(`Demo finished in ${formatDuration(performance.now() - started)}, offline, with no API key.`);
    out.line('To use the web UI: npm start, then open http://127.0.0.1:8000 (set GEMINI_API_KEY to add Gemini models).');
  } finally {
    process.off('SIGINT', onInterrupt);
    await shutDown();
  }
}
