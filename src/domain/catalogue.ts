import { z } from 'zod';

export const providerFamilies = ['gemini', 'openai', 'anthropic', 'local', 'test'] as const;
export type ProviderFamily = (typeof providerFamilies)[number];

export const catalogueModelSchema = z.object({
  /** our id, used in requests (`models`, `judge_model`) */
  id: z.string().min(1).max(100).regex(/^[A-Za-z0-9._:-]+$/),
  name: z.string().min(1),
  provider: z.enum(providerFamilies),
  /** the id the provider knows the model by */
  provider_model: z.string().min(1),
  /** 'answer' models answer prompts about a video; 'judge' models only judge (local-judge) */
  role: z.enum(['answer', 'judge']).default('answer'),
  /** whether it can act as an LLM judge (text in, JSON out) */
  can_judge: z.boolean().default(false),
  input_usd_per_mtok: z.number().nonnegative().nullable().default(null),
  output_usd_per_mtok: z.number().nonnegative().nullable().default(null),
  limits: z
    .object({
      requests_per_minute: z.number().positive().default(60),
      concurrent: z.number().int().positive().default(8),
    })
    .default({ requests_per_minute: 60, concurrent: 8 }),
  /** set when the provider shut the model down; calls route to the successor */
  retired: z.object({ successor: z.string(), since: z.string() }).optional(),
  /** a provider's word on the model's end of life (announced shutdown, or retired and routed), shown once in GET /api/models */
  notice: z.string().optional(),
  /** provider-specific settings (e.g. base_url, api_key_env) */
  options: z.record(z.string(), z.unknown()).default({}),
});

export type CatalogueModel = z.infer<typeof catalogueModelSchema>;
export type CatalogueModelInput = z.input<typeof catalogueModelSchema>;
