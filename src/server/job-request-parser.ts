import { z } from 'zod';
import type { ModelsCatalogue } from '../config/models-catalogue.js';
import type { JobRequest } from '../domain/index.js';
import { resolveJudgeModel } from '../evaluation/resolve-judge-model.js';
import type { ProviderRegistry } from '../providers/provider-registry.js';
import { describeZodError } from './error-handler.js';
import { badRequest, notFound } from '../core/http-errors.js';
import { batchCapableFamilies } from '../providers/provider-batch.js';

export interface JobRequestLimits {
  maxCombinations: number;
  maxPromptChars: number;
  configuredJudge?: string;
}

export interface JobRequestDeps {
  catalogue: ModelsCatalogue;
  providers: ProviderRegistry;
  videoExists(id: string): Promise<boolean>;
  limits: JobRequestLimits;
}

const idSchema = z.string().min(1, 'must not be empty').max(100);

/** a prompt is kept exactly as sent (the seed echoed it untrimmed); blank ones are refused */
function promptSchema(maxChars: number) {
  return z
    .string()
    .refine((p) => p.trim().length > 0, 'prompt must not be empty')
    .refine((p) => p.length <= maxChars, `prompt is longer than ${maxChars} characters`);
}

const commonFields = {
  models: z.array(idSchema).max(20).nullable().optional()
    .describe('catalogue ids (GET /api/models); omitted, null or []: the default set, as in the seed (its four Gemini models when a Gemini key is set, else the local analyzers)'),
  judge_model: z.string().min(1).max(100).optional()
    .describe('a model that can judge, "local-judge", or "none" to skip judging; default: VIDCOMPARE_JUDGE_MODEL, else a capable LLM judge with a key (preferring a family that is not competing), else local-judge'),
  judge_models: z.array(z.string().min(1).max(100)).min(1, 'name at least one judge').max(5, 'a panel has at most 5 judges').optional()
    .describe('a panel of judges that each score every answer; the result carries each judge\'s scores, their mean and their agreement'),
  params: z.record(z.string(), z.record(z.string(), z.unknown())).optional()
    .describe('per-model options keyed by model id, or "*" for all: e.g. {"gemini-2.5-pro": {"videoMetadata": {"fps": 2}}}'),
  judge_context: z.enum(['facts', 'video', 'text']).optional()
    .describe('what grounds the judge: measured facts (default), the video itself as well, or the text only'),
  judge_runs: z.union([z.literal(1), z.literal(2)]).optional()
    .describe('2 judges twice with the answer order reversed and averages'),
  max_cost_usd: z.number().positive('must be more than 0').max(1_000_000).optional()
    .describe('budget in USD: no answer call starts once spent plus the running calls\' estimates would pass it; the rest are "skipped: budget reached" and the job still completes'),
  cache: z.boolean().optional()
    .describe('false: ask every model afresh (and refresh the response cache); default true: an answer already given to the same video bytes, model, prompt and params is reused with no provider call, marked cached'),
  mode: z.enum(['interactive', 'batch']).optional()
    .describe('"batch" sends the Gemini models\' calls through the Gemini Batch API at half price (answers take minutes to hours; other models run as usual); default "interactive"'),
};

export function compareBodySchema(limits: JobRequestLimits) {
  return z.object({ video_id: idSchema, prompt: promptSchema(limits.maxPromptChars), ...commonFields });
}

export function batchBodySchema(limits: JobRequestLimits) {
  return z.object({
    video_ids: z.array(idSchema).min(1, 'pick at least one video').max(1000),
    prompts: z.array(promptSchema(limits.maxPromptChars)).min(1, 'pick at least one prompt').max(1000),
    combination_concurrency: z.number().int().min(1).max(16).optional()
      .describe('combinations processed at the same time (default 1)'),
    ...commonFields,
  });
}

/**
 * A JSON schema of a request body for the OpenAPI page. Documentation only:
 * the routes validate with zod, whose messages name each field.
 */
export function documentedBody(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _draft, ...jsonSchema } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return jsonSchema;
}

type CommonBody = { mode?: 'interactive' | 'batch'; models?: string[] | null; judge_model?: string; judge_models?: string[]; params?: Record<string, Record<string, unknown>>; judge_context?: JobRequest['judge_context']; judge_runs?: 1 | 2; max_cost_usd?: number; cache?: boolean };

/**
 * Validates a compare / batch-compare body against the catalogue and the
 * stored videos. Throws an HttpError (400/404) that says what is wrong;
 * nothing is stored before this passes.
 */
export async function parseJobRequest(kind: 'single' | 'batch', body: unknown, deps: JobRequestDeps): Promise<JobRequest> {
  const schema = kind === 'single' ? compareBodySchema(deps.limits) : batchBodySchema(deps.limits);
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw badRequest(describeZodError(parsed.error));
  const data = parsed.data as CommonBody & { video_id?: string; prompt?: string; video_ids?: string[]; prompts?: string[]; combination_concurrency?: number };

  // duplicates are kept as sent: [V, V] × [x, x] is 4 combinations, as in the seed
  const videoIds = kind === 'single' ? [data.video_id!] : data.video_ids!;
  const prompts = kind === 'single' ? [data.prompt!] : data.prompts!;
  const combinations = videoIds.length * prompts.length;
  if (combinations > deps.limits.maxCombinations) {
    throw badRequest(`${videoIds.length} videos × ${prompts.length} prompts = ${combinations} combinations, more than the limit of ${deps.limits.maxCombinations}`);
  }
  for (const id of unique(videoIds)) {
    if (!(await deps.videoExists(id))) throw notFound(`Video ${id} not found`);
  }

  const models = data.models && data.models.length > 0 ? unique(data.models) : deps.providers.defaultModelSet();
  if (models.length === 0) throw badRequest('No model is available: configure a provider key or use the local models');
  for (const id of models) checkUsable(id, deps, 'model');
  if (data.params) {
    for (const key of Object.keys(data.params)) {
      if (key !== '*' && !models.includes(key)) throw badRequest(`params.${key}: not one of the requested models`);
    }
  }

  if (data.mode === 'batch' && !models.some((id) => batchCapableFamilies.includes(deps.catalogue.resolve(id)?.provider ?? ''))) {
    throw badRequest('mode "batch" sends Gemini models through the Gemini Batch API: pick at least one Gemini model, or leave mode out');
  }
  if (data.mode === 'batch' && data.max_cost_usd !== undefined) {
    // a provider batch is submitted whole and billed by the provider, so no per-call budget check could stop it midway
    throw badRequest('max_cost_usd cannot be enforced in mode "batch" (the Gemini batch is submitted whole); leave one of them out');
  }

  if (data.judge_model !== undefined && data.judge_models !== undefined) throw badRequest('give judge_model or judge_models, not both');
  const panel = data.judge_models ? unique(data.judge_models.map((id) => id.trim())) : undefined;
  if (panel?.some((id) => id.toLowerCase() === 'none')) throw badRequest('judge_models: "none" cannot sit on a panel; use judge_model: "none" to skip judging');
  const judge = panel
    ? panel[0]!
    : resolveJudgeModel(data.judge_model, {
        configured: deps.limits.configuredJudge,
        catalogue: deps.catalogue,
        isAvailable: (id) => deps.providers.isAvailable(id),
        contestants: models,
      });
  for (const id of panel ?? (judge !== null ? [judge] : [])) {
    const field = panel ? 'judge_models' : 'judge_model';
    checkUsable(id, deps, field);
    if (id !== 'local-judge' && !deps.catalogue.resolve(id)?.can_judge) throw badRequest(`${field}: ${id} cannot act as a judge`);
  }

  return {
    video_ids: videoIds,
    prompts,
    models,
    judge_model: judge,
    ...(panel && panel.length > 1 ? { judge_models: panel } : {}),
    params: data.params ?? {},
    combination_concurrency: data.combination_concurrency ?? 1,
    judge_context: data.judge_context ?? 'facts',
    judge_runs: data.judge_runs ?? 1,
    ...(data.max_cost_usd !== undefined ? { max_cost_usd: data.max_cost_usd } : {}),
    ...(data.cache === false ? { cache: false } : {}),
    ...(data.mode === 'batch' ? { mode: 'batch' as const } : {}),
  };
}

/** 400 unless `id` is a known, available model fit for `field` (model or judge). */
export function checkUsable(id: string, deps: Pick<JobRequestDeps, 'catalogue' | 'providers'>, field: string): void {
  const model = deps.catalogue.get(id);
  if (!model) {
    const known = deps.catalogue.all().map((m) => m.id).join(', ');
    throw badRequest(`${field}: unknown model "${id}" (known: ${known})`);
  }
  const availability = deps.providers.availability(id);
  if (!availability.available) throw badRequest(`${field}: ${id} is not available: ${availability.reason ?? 'unavailable'}`);
  if (field === 'model' && model.role !== 'answer') throw badRequest(`model: ${id} is a judge, not a model that answers prompts`);
}


function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
