import { createHash } from 'node:crypto';
import type { CatalogueModel, ModelRun } from '../domain/index.js';
import type { VideoProvider } from '../providers/provider.js';
import type { CachedAnswer } from '../store/store.js';
import type { WorkContext } from './work-context.js';

/** What makes two requests the same request: the same answer may be reused for both. */
export interface ResponseCacheKeyInput {
  videoSha256: string;
  /** the provider family and the provider model actually called (a retired id already routed to its successor) */
  provider: string;
  providerModel: string;
  /** the catalogue entry's provider settings (endpoint, ...): another endpoint is another model */
  modelOptions: Record<string, unknown>;
  prompt: string;
  /** the merged per-request params, sampling settings included (temperature, thinking, media resolution, fps...) */
  params: Record<string, unknown>;
  adapterVersion: string;
}

/** JSON with object keys sorted at every depth, so equal params written in another order give the same key. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((entry) => canonicalJson(entry === undefined ? null : entry)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function responseCacheKey(input: ResponseCacheKeyInput): string {
  const { videoSha256, provider, providerModel, modelOptions, prompt, params, adapterVersion } = input;
  const material = canonicalJson({ v: 1, videoSha256, provider, providerModel, modelOptions, prompt, params, adapterVersion });
  return createHash('sha256').update(material).digest('hex');
}

/** The key of a model unit's request, or null when its adapter's answers are not cached. */
export function cacheKeyFor(provider: VideoProvider, model: CatalogueModel, videoSha256: string, prompt: string, params: Record<string, unknown>): string | null {
  if (!provider.adapterVersion) return null;
  return responseCacheKey({
    videoSha256,
    provider: model.provider,
    providerModel: model.provider_model,
    modelOptions: model.options,
    prompt,
    params,
    adapterVersion: provider.adapterVersion,
  });
}

/**
 * The cached answer for this key, if any. A lookup the store cannot answer is
 * logged and treated as a miss: the provider is asked instead.
 */
export async function findCachedAnswer(ctx: WorkContext, cacheKey: string, unit: { jobId: string; modelId: string }): Promise<CachedAnswer | undefined> {
  try {
    return await ctx.store.getCachedAnswer(cacheKey);
  } catch (error) {
    ctx.logger.warn({ job_id: unit.jobId, model_id: unit.modelId, err: (error as Error).message }, 'response cache lookup failed; calling the provider');
    return undefined;
  }
}

/**
 * The run a cache hit becomes: the original answer and its figures, marked
 * with when it was made. `routedTo`: the successor a retired id was routed to.
 */
export function runFromCache(base: ModelRun, hit: CachedAnswer, routedTo: string | null): ModelRun {
  return {
    ...base,
    status: 'succeeded',
    attempts: 0,
    response: hit.response,
    error: null,
    latency_ms: hit.latency_ms,
    prepare_ms: hit.prepare_ms,
    input_tokens: hit.input_tokens,
    output_tokens: hit.output_tokens,
    thinking_tokens: hit.thinking_tokens,
    cost_usd: hit.cost_usd,
    served_by: hit.served_by ?? routedTo,
    cached_at: hit.created_at,
  };
}

/**
 * Keeps a successful, non-empty answer for later jobs (replacing an older
 * entry). A failure to store it is logged: the answer itself is already saved.
 */
export async function rememberAnswer(ctx: WorkContext, entry: { cacheKey: string; videoSha256: string; providerModel: string }, run: ModelRun): Promise<void> {
  if (run.status !== 'succeeded' || !run.response?.trim()) return;
  try {
    await ctx.store.saveCachedAnswer({
      cache_key: entry.cacheKey,
      video_sha256: entry.videoSha256,
      provider_model: entry.providerModel,
      response: run.response,
      latency_ms: run.latency_ms,
      prepare_ms: run.prepare_ms ?? null,
      input_tokens: run.input_tokens,
      output_tokens: run.output_tokens,
      thinking_tokens: run.thinking_tokens,
      cost_usd: run.cost_usd,
      served_by: run.served_by,
      created_at: new Date(ctx.now()).toISOString(),
    });
  } catch (error) {
    ctx.logger.warn({ job_id: run.job_id, model_id: run.model_id, err: (error as Error).message }, 'answer could not be added to the response cache');
  }
}
