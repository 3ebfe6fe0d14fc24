import type { CatalogueModelInput } from '../domain/index.js';

const localLimits = { requests_per_minute: 6000, concurrent: 4 };

/** The models the seed compared when a request named none (a retired one routes to its successor). */
export const seedGeminiModelIds = ['gemini-3-pro-preview', 'gemini-3-flash-preview', 'gemini-2.5-pro', 'gemini-2.5-flash'] as const;
/** The default set without a Gemini key: the measuring analyzers. OCR (`local-text`) costs seconds per frame, so it is chosen, not implied. */
export const defaultLocalModelIds = ['local-full', 'local-shots', 'local-audio', 'local-look'] as const;

/**
 * Built-in models. Prices are USD per 1M tokens (text/image/video input,
 * output including thinking) at the standard tier; override them with
 * VIDCOMPARE_MODELS_FILE when they change.
 */
export const defaultModels: CatalogueModelInput[] = [
  {
    id: 'local-full',
    name: 'Local analyzer: full timeline',
    provider: 'local',
    provider_model: 'full',
    input_usd_per_mtok: 0,
    output_usd_per_mtok: 0,
    limits: localLimits,
  },
  {
    id: 'local-shots',
    name: 'Local analyzer: shots and pacing',
    provider: 'local',
    provider_model: 'shots',
    input_usd_per_mtok: 0,
    output_usd_per_mtok: 0,
    limits: localLimits,
  },
  {
    id: 'local-audio',
    name: 'Local analyzer: audio',
    provider: 'local',
    provider_model: 'audio',
    input_usd_per_mtok: 0,
    output_usd_per_mtok: 0,
    limits: localLimits,
  },
  {
    id: 'local-look',
    name: 'Local analyzer: look and colour',
    provider: 'local',
    provider_model: 'look',
    input_usd_per_mtok: 0,
    output_usd_per_mtok: 0,
    limits: localLimits,
  },
  {
    id: 'local-text',
    name: 'Local analyzer: on-screen text (OCR)',
    provider: 'local',
    provider_model: 'text',
    input_usd_per_mtok: 0,
    output_usd_per_mtok: 0,
    // OCR is CPU-bound: a few videos at a time is all two cores can read
    limits: { requests_per_minute: 6000, concurrent: 2 },
  },
  {
    id: 'local-judge',
    name: 'Local judge (grounded checks)',
    provider: 'local',
    provider_model: 'judge',
    role: 'judge',
    input_usd_per_mtok: 0,
    output_usd_per_mtok: 0,
    limits: localLimits,
  },
  {
    id: 'gemini-3.1-pro-preview',
    name: 'Gemini 3.1 Pro (preview)',
    provider: 'gemini',
    provider_model: 'gemini-3.1-pro-preview',
    can_judge: true,
    input_usd_per_mtok: 2,
    output_usd_per_mtok: 12,
    limits: { requests_per_minute: 150, concurrent: 32 },
  },
  {
    id: 'gemini-3-pro-preview',
    name: 'Gemini 3 Pro (preview)',
    provider: 'gemini',
    provider_model: 'gemini-3-pro-preview',
    can_judge: true,
    input_usd_per_mtok: 2,
    output_usd_per_mtok: 12,
    limits: { requests_per_minute: 150, concurrent: 32 },
    retired: { successor: 'gemini-3.1-pro-preview', since: '2026-03-09' },
  },
  {
    id: 'gemini-3-flash-preview',
    name: 'Gemini 3 Flash (preview)',
    provider: 'gemini',
    provider_model: 'gemini-3-flash-preview',
    can_judge: true,
    input_usd_per_mtok: 0.5,
    output_usd_per_mtok: 3,
    limits: { requests_per_minute: 1000, concurrent: 32 },
  },
  {
    id: 'gemini-2.5-pro',
    name: 'Gemini 2.5 Pro',
    provider: 'gemini',
    provider_model: 'gemini-2.5-pro',
    can_judge: true,
    input_usd_per_mtok: 1.25,
    output_usd_per_mtok: 10,
    limits: { requests_per_minute: 150, concurrent: 32 },
  },
  {
    id: 'gemini-2.5-flash',
    name: 'Gemini 2.5 Flash',
    provider: 'gemini',
    provider_model: 'gemini-2.5-flash',
    can_judge: true,
    input_usd_per_mtok: 0.3,
    output_usd_per_mtok: 2.5,
    limits: { requests_per_minute: 1000, concurrent: 32 },
  },
  {
    id: 'gemini-2.5-flash-lite',
    name: 'Gemini 2.5 Flash-Lite',
    provider: 'gemini',
    provider_model: 'gemini-2.5-flash-lite',
    can_judge: true,
    input_usd_per_mtok: 0.1,
    output_usd_per_mtok: 0.4,
    limits: { requests_per_minute: 4000, concurrent: 32 },
  },
  {
    id: 'gpt-4.1',
    name: 'OpenAI GPT-4.1 (sampled frames)',
    provider: 'openai',
    provider_model: 'gpt-4.1',
    can_judge: true,
    input_usd_per_mtok: 2,
    output_usd_per_mtok: 8,
    limits: { requests_per_minute: 500, concurrent: 8 },
  },
  {
    id: 'claude-sonnet-4-5',
    name: 'Claude Sonnet 4.5 (sampled frames)',
    provider: 'anthropic',
    provider_model: 'claude-sonnet-4-5',
    can_judge: true,
    input_usd_per_mtok: 3,
    output_usd_per_mtok: 15,
    limits: { requests_per_minute: 50, concurrent: 8 },
  },
];
