import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { promptCategories } from '../../domain/index.js';
import type { RatingsService } from '../../ratings/ratings-service.js';
import { describeZodError } from '../error-handler.js';
import { badRequest } from '../../core/http-errors.js';

const ratingsQuery = z.object({
  source: z.enum(['human', 'judge', 'all']).default('human'),
  category: z.enum(promptCategories).optional(),
  job_id: z.string().min(1).max(100).optional(),
});
const agreementQuery = z.object({ job_id: z.string().min(1).max(100).optional() });

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw badRequest(describeZodError(result.error));
  return result.data;
}

/** Bradley–Terry ratings with bootstrap intervals, and judge–human agreement. */
export function registerRatingsRoutes(app: FastifyInstance, ratings: RatingsService): void {
  app.get('/api/ratings', { schema: { tags: ['ratings'], summary: 'Bradley–Terry ratings (Elo scale, mean 1000) with 95 % bootstrap intervals, from human votes, judge verdicts or all', querystring: { type: 'object', properties: { source: { type: 'string', enum: ['human', 'judge', 'all'] }, category: { type: 'string' }, job_id: { type: 'string' } } } } }, async (request) => {
    return ratings.ratings(parse(ratingsQuery, request.query));
  });

  app.get('/api/ratings/agreement', { schema: { tags: ['ratings'], summary: "Per judge model, on pairs with a human vote: agreement and Cohen's κ" } }, async (request) => {
    return ratings.agreement(parse(agreementQuery, request.query));
  });
}
