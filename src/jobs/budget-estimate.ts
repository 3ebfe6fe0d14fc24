import type { ModelsCatalogue } from '../config/models-catalogue.js';
import type { CatalogueModel, JobRequest, JobRequestEstimate, VideoRecord } from '../domain/index.js';
import { estimateAnthropicInputTokens } from '../providers/anthropic/token-estimate.js';
import { estimateGeminiInputTokens } from '../providers/gemini/token-estimate.js';
import { estimateOpenAiInputTokens } from '../providers/openai/token-estimate.js';
import { estimateTextTokens } from '../providers/text-token-estimate.js';
import { computeCostUsd } from './compute-cost.js';

/** Output tokens (thinking included) assumed for a model with no stored answers yet. */
export const DEFAULT_OUTPUT_TOKENS = 1000;
/** Output tokens assumed per judge call (scores, reasons and a summary for every answer). */
export const DEFAULT_JUDGE_OUTPUT_TOKENS = 800;
/** The judge's instructions, rubric and measured facts, besides the prompt and the answers. */
export const JUDGE_OVERHEAD_TOKENS = 1500;

/** One call's estimated tokens and price. */
export interface CallEstimate {
  input_tokens: number;
  output_tokens: number;
  /** null when the model's price is unknown */
  cost_usd: number | null;
}

/** One line per answer model and per judge: `role` tells them apart, `output_basis` where output tokens per call came from. */
export type ModelEstimate = JobRequestEstimate['per_model'][number];

/** What `POST /api/estimate` answers, and what a job stores as `request.estimate`: total_usd sums the priced lines, unpriced_models names the others. */
export type JobEstimate = JobRequestEstimate;

/** Average output tokens of recent answers, per model id (absent: none stored). */
export type OutputAverages = ReadonlyMap<string, number>;

/**
 * Input tokens of one answer call by the token rule of the model's provider
 * family (each next to the adapter that sends the media). Local analyzers
 * send nothing anywhere; test stand-ins are counted by their prompt alone.
 */
export function estimateInputTokens(model: CatalogueModel, video: VideoRecord | undefined, prompt: string, params: Record<string, unknown>): number {
  switch (model.provider) {
    case 'gemini':
      return estimateGeminiInputTokens({ model, video, params, prompt }).input_tokens;
    case 'openai':
      return estimateOpenAiInputTokens({ video, params, prompt }).input_tokens;
    case 'anthropic':
      return estimateAnthropicInputTokens({ video, params, prompt }).input_tokens;
    case 'local':
      return 0;
    default:
      return estimateTextTokens(prompt);
  }
}

/** One answer call: input by the token rule, output from the model's recent average (or the default), priced. */
export function estimateAnswerCall(
  model: CatalogueModel,
  input: { video: VideoRecord | undefined; prompt: string; params: Record<string, unknown>; outputTokens: number },
): CallEstimate {
  const input_tokens = estimateInputTokens(model, input.video, input.prompt, input.params);
  const output_tokens = model.provider === 'local' ? 0 : input.outputTokens;
  return { input_tokens, output_tokens, cost_usd: computeCostUsd(model, { input_tokens, output_tokens, thinking_tokens: 0 }) };
}

/** The params an answer call of `modelId` gets: the request's '*' params overlaid by the model's own. */
export function paramsFor(request: Pick<JobRequest, 'params'>, modelId: string): Record<string, unknown> {
  return { ...request.params['*'], ...request.params[modelId] };
}

/**
 * The calls a job request will make and what they cost, by real token
 * arithmetic: one answer call per combination and model, then the judge's
 * calls per combination (each judge of a panel, twice with `judge_runs: 2`).
 * Retired ids are priced as the successor that answers for them.
 */
export function estimateJob(
  request: JobRequest,
  deps: { catalogue: ModelsCatalogue; videos: ReadonlyMap<string, VideoRecord>; averages: OutputAverages },
): JobEstimate {
  const outputOf = (id: string, fallback: number) => {
    const average = deps.averages.get(id);
    return average !== undefined ? { tokens: Math.round(average), basis: 'recent_average' as const } : { tokens: fallback, basis: 'default' as const };
  };
  const lines = new Map<string, ModelEstimate>();
  const add = (modelId: string, role: ModelEstimate['role'], basis: ModelEstimate['output_basis'], call: CallEstimate) => {
    const key = `${role}:${modelId}`;
    const line = lines.get(key) ?? { model_id: modelId, role, calls: 0, input_tokens: 0, output_tokens: 0, cost_usd: 0, output_basis: basis };
    line.calls += 1;
    line.input_tokens += call.input_tokens;
    line.output_tokens += call.output_tokens;
    line.cost_usd = line.cost_usd === null || call.cost_usd === null ? null : line.cost_usd + call.cost_usd;
    lines.set(key, line);
  };

  const judges = request.judge_models ?? (request.judge_model ? [request.judge_model] : []);
  for (const videoId of request.video_ids) {
    const video = deps.videos.get(videoId);
    for (const prompt of request.prompts) {
      let answerTokens = 0;
      for (const modelId of request.models) {
        const model = deps.catalogue.resolve(modelId);
        if (!model) continue;
        const output = outputOf(modelId, DEFAULT_OUTPUT_TOKENS);
        const call = estimateAnswerCall(model, { video, prompt, params: paramsFor(request, modelId), outputTokens: output.tokens });
        answerTokens += call.output_tokens;
        add(modelId, 'answer', output.basis, call);
      }
      for (const judgeId of judges) {
        const judge = deps.catalogue.resolve(judgeId);
        if (!judge || judge.provider === 'local') continue;
        const judgeVideo = request.judge_context === 'video' ? estimateInputTokens(judge, video, '', {}) : 0;
        const input_tokens = JUDGE_OVERHEAD_TOKENS + estimateTextTokens(prompt) + answerTokens + judgeVideo;
        const output_tokens = DEFAULT_JUDGE_OUTPUT_TOKENS;
        const call = { input_tokens, output_tokens, cost_usd: computeCostUsd(judge, { input_tokens, output_tokens, thinking_tokens: 0 }) };
        for (let run = 0; run < request.judge_runs; run++) add(judgeId, 'judge', 'default', call);
      }
    }
  }
  const per_model = [...lines.values()];
  return {
    calls: per_model.reduce((sum, line) => sum + line.calls, 0),
    per_model,
    total_usd: per_model.reduce((sum, line) => sum + (line.cost_usd ?? 0), 0),
    unpriced_models: per_model.filter((line) => line.cost_usd === null).map((line) => line.model_id),
  };
}
