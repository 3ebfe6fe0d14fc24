import type { FastifyInstance } from 'fastify';
import type { BatchCompareResponse, CompareResponse } from '../../domain/index.js';
import { exportComparisons } from '../../evaluation/export-report.js';
import { buildLeaderboard } from '../../evaluation/leaderboard.js';
import type { JobService } from '../../jobs/job-service.js';
import { addLeaderboardStatistics } from '../../ratings/leaderboard-statistics.js';
import type { VideoLibrary } from '../../videos/video-library.js';
import { badRequest, notFound } from '../../core/http-errors.js';
import { tokenInQueryRoute } from '../security/route-access.js';

const formats = ['csv', 'json', 'html'] as const;

function comparisonsOf(result: CompareResponse | BatchCompareResponse | null): CompareResponse[] {
  if (!result) return [];
  return 'comparisons' in result ? result.comparisons : [result];
}

/** Leaderboard and exports of a job's results (what is stored so far, for unfinished jobs). */
export function registerReportRoutes(app: FastifyInstance, deps: { jobs: JobService; library: VideoLibrary }): void {
  app.get<{ Params: { id: string } }>('/api/jobs/:id/leaderboard', { schema: { tags: ['reports'], summary: 'Per-model mean score, wins, latency, tokens, cost, errors' } }, async (request) => {
    const view = await deps.jobs.view(request.params.id, { withResult: false });
    if (!view) throw notFound(`Job ${request.params.id} not found`);
    const comparisons = comparisonsOf(await deps.jobs.resultFor(request.params.id));
    return addLeaderboardStatistics(buildLeaderboard(comparisons), comparisons);
  });

  app.get<{ Params: { id: string }; Querystring: { format?: string } }>('/api/jobs/:id/export', { config: tokenInQueryRoute, schema: { tags: ['reports'], summary: 'Export one row per video × prompt × model as csv, json or html' } }, async (request, reply) => {
    const format = (request.query.format ?? 'json') as (typeof formats)[number];
    if (!formats.includes(format)) throw badRequest(`format must be one of ${formats.join(', ')}`);
    const view = await deps.jobs.view(request.params.id, { withResult: false });
    if (!view) throw notFound(`Job ${request.params.id} not found`);
    const comparisons = comparisonsOf(await deps.jobs.resultFor(request.params.id));
    const videoNames: Record<string, string> = {};
    for (const comparison of comparisons) {
      videoNames[comparison.video_id] ??= (await deps.library.get(comparison.video_id))?.filename ?? comparison.video_id;
    }
    const file = exportComparisons(format, {
      job_id: view.job_id,
      created_at: view.created_at,
      comparisons,
      leaderboard: comparisons.length > 1 ? buildLeaderboard(comparisons) : null,
      videoNames,
    });
    return reply
      .type(file.contentType)
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .send(file.body);
  });
}
