import type { FastifyInstance } from 'fastify';
import type { JobEstimator } from '../../jobs/budget-estimator.js';
import { batchBodySchema, compareBodySchema, documentedBody, parseJobRequest, type JobRequestDeps } from '../job-request-parser.js';

export interface EstimateRouteDeps extends JobRequestDeps {
  estimator: JobEstimator;
}

/** bodies are validated by zod in parseJobRequest; the route schema only documents them */
const documentationOnly = { validatorCompiler: () => () => true };

/**
 * `POST /api/estimate`: what a compare or batch body would cost, before
 * running it. The same body and the same 4xx answers as the compare routes
 * (a body with `video_ids` is a batch); nothing is stored.
 */
export function registerEstimateRoutes(app: FastifyInstance, deps: EstimateRouteDeps): void {
  const body = { oneOf: [documentedBody(compareBodySchema(deps.limits)), documentedBody(batchBodySchema(deps.limits))] };
  app.post(
    '/api/estimate',
    {
      ...documentationOnly,
      schema: {
        tags: ['compare'],
        summary: 'Estimate calls, tokens and cost of a compare or batch body',
        description:
          'Input tokens by each provider family\'s rule (Gemini: frames × tokens per frame at the mediaResolution, + 32 audio tokens per second; ' +
          'OpenAI: 85 + 170 per 512 px tile; Anthropic: width × height / 750; text: 4 characters per token); output tokens from the ' +
          'model\'s last 20 answers, else 1000 (judge calls: 800). cost_usd is null when the price is unknown.',
        body,
      },
    },
    async (request) => {
      const kind = isBatchBody(request.body) ? 'batch' : 'single';
      const parsed = await parseJobRequest(kind, request.body, deps);
      return deps.estimator.estimate(parsed);
    },
  );
}

export function isBatchBody(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'video_ids' in body;
}
