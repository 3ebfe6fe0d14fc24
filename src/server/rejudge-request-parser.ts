import { z } from 'zod';
import type { JudgeChoice } from '../jobs/plan-rejudge.js';
import { describeZodError } from './error-handler.js';
import { badRequest } from '../core/http-errors.js';
import { checkUsable, type JobRequestDeps } from './job-request-parser.js';

const judgeId = z.string().trim().min(1, 'must not be empty').max(100);

export const rejudgeBodySchema = z.object({
  judge_model: judgeId.optional().describe('the judge: a model that can judge, or "local-judge"'),
  judge_models: z.array(judgeId).min(1, 'name at least one judge').max(5, 'a panel has at most 5 judges').optional()
    .describe('a panel of judges that each score every answer'),
  judge_runs: z.union([z.literal(1), z.literal(2)]).optional()
    .describe('2 judges twice with the answer order reversed and averages; default: as the source job'),
});

/**
 * Validates a rejudge body: exactly one of judge_model / judge_models, each
 * judge known, available and able to judge. Throws a 400 that says what is wrong.
 */
export function parseRejudgeRequest(body: unknown, deps: Pick<JobRequestDeps, 'catalogue' | 'providers'>): JudgeChoice {
  const parsed = rejudgeBodySchema.safeParse(body ?? {});
  if (!parsed.success) throw badRequest(describeZodError(parsed.error));
  const { judge_model, judge_models, judge_runs } = parsed.data;
  if (judge_model !== undefined && judge_models !== undefined) throw badRequest('give judge_model or judge_models, not both');
  const field = judge_models ? 'judge_models' : 'judge_model';
  const judges = judge_models ? [...new Set(judge_models)] : judge_model !== undefined ? [judge_model] : [];
  if (judges.length === 0) throw badRequest('name the judge: judge_model (one judge) or judge_models (a panel)');
  if (judges.some((id) => id.toLowerCase() === 'none')) throw badRequest(`${field}: "none" would judge nothing; name a judge`);
  for (const id of judges) {
    checkUsable(id, deps, field);
    if (id !== 'local-judge' && !deps.catalogue.resolve(id)?.can_judge) throw badRequest(`${field}: ${id} cannot act as a judge`);
  }
  return { judge_model: judges[0]!, ...(judges.length > 1 ? { judge_models: judges } : {}), ...(judge_runs ? { judge_runs } : {}) };
}
