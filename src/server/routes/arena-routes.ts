import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ArenaVoteError, type ArenaService } from '../../arena/arena-service.js';
import { arenaWinners, promptCategories } from '../../domain/index.js';
import { csvField } from '../../evaluation/export-report.js';
import { describeZodError } from '../error-handler.js';
import { badRequest, conflict, notFound } from '../../core/http-errors.js';
import { tokenInQueryRoute } from '../security/route-access.js';

const nextQuery = z.object({
  job_id: z.string().min(1).max(100).optional(),
  video_id: z.string().min(1).max(100).optional(),
  category: z.enum(promptCategories).optional(),
});
const voteBody = z.object({
  pair_id: z.string().min(1, 'must not be empty').max(100),
  winner: z.enum(arenaWinners, { message: `winner must be one of ${arenaWinners.join(', ')}` }),
});
const votesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100_000).optional(),
  format: z.enum(['json', 'csv']).default('json'),
});

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw badRequest(describeZodError(result.error));
  return result.data;
}

const voteColumns = ['pair_id', 'voted_at', 'winner', 'model_a', 'model_b', 'job_id', 'item_index', 'video_id', 'category', 'prompt'] as const;

/** The blind human arena: pairs to vote on, votes, and their export. */
export function registerArenaRoutes(app: FastifyInstance, arena: ArenaService): void {
  app.get('/api/arena/next', { schema: { tags: ['arena'], summary: 'A blind pair of stored answers to the same video × prompt (404 when none is left)', querystring: { type: 'object', properties: { job_id: { type: 'string' }, video_id: { type: 'string' }, category: { type: 'string' } } } } }, async (request) => {
    const pair = await arena.next(parse(nextQuery, request.query));
    if (!pair) throw notFound('No pair of answers is left to vote on: run comparisons with at least two models, or widen the filter');
    return pair;
  });

  app.post('/api/arena/votes', { schema: { tags: ['arena'], summary: 'Vote on a pair (a, b, tie or both_bad); the answer reveals the models' } }, async (request) => {
    const { pair_id, winner } = parse(voteBody, request.body);
    try {
      return await arena.vote(pair_id, winner);
    } catch (error) {
      if (error instanceof ArenaVoteError) throw error.reason === 'not_found' ? notFound(error.message) : conflict(error.message);
      throw error;
    }
  });

  // a download link in the UI: the token may come as ?token=
  app.get('/api/arena/votes', { config: tokenInQueryRoute, schema: { tags: ['arena'], summary: 'Votes, newest first, as JSON or CSV (?format=csv)', querystring: { type: 'object', properties: { limit: { type: 'integer' }, format: { type: 'string', enum: ['json', 'csv'] } } } } }, async (request, reply) => {
    const { limit, format } = parse(votesQuery, request.query);
    const votes = await arena.votes(limit);
    if (format === 'json') return { votes, total: votes.length };
    const lines = [voteColumns.join(','), ...votes.map((vote) => voteColumns.map((column) => csvField(vote[column])).join(','))];
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="arena-votes.csv"')
      .send(`${lines.join('\n')}\n`);
  });
}
