import { z } from 'zod';
import type { CatalogueModelInput } from '../domain/index.js';
import { providerFamilies } from '../domain/index.js';
import retirementsFile from './model-retirements.json' with { type: 'json' };
import { ConfigError } from './env.js';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

const retirementSchema = z.object({
  /** our catalogue id (for Gemini, OpenAI and Anthropic also the provider's id) */
  id: z.string().min(1),
  provider: z.enum(providerFamilies),
  /** the first day (UTC) the provider no longer answers */
  shutdown: isoDay,
  /** the catalogue id calls route to from the shutdown day on */
  successor: z.string().min(1),
  /** where the date and successor were read */
  source: z.string().min(1),
});

const retirementsFileSchema = z.object({
  about: z.string().optional(),
  retirements: z.array(retirementSchema),
});

export type Retirement = z.infer<typeof retirementSchema>;

export function parseRetirements(data: unknown, origin: string): Retirement[] {
  const result = retirementsFileSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`${origin}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return result.data.retirements;
}

/** The shutdowns in src/config/model-retirements.json, validated. */
export const builtInRetirements: readonly Retirement[] = parseRetirements(retirementsFile, 'model-retirements.json');

const providerNames: Record<string, string> = { gemini: 'Google', anthropic: 'Anthropic', openai: 'OpenAI' };

/** The UTC day of `nowMs` as YYYY-MM-DD, the form shutdown dates are compared in. */
export function utcDay(nowMs: number): string {
  return new Date(nowMs).toISOString().slice(0, 10);
}

/**
 * The models with each retirement applied as of `today`: a model past its
 * shutdown day is `retired` (calls route to the successor), one with the day
 * still ahead keeps working and carries a `notice`. A model that already says
 * how it is retired (a models-file entry) keeps its own word.
 */
export function applyRetirements(models: readonly CatalogueModelInput[], retirements: readonly Retirement[], today: string): CatalogueModelInput[] {
  const byId = new Map(retirements.map((r) => [r.id, r] as const));
  return models.map((model) => {
    const retirement = byId.get(model.id);
    if (!retirement || model.retired) return model;
    const who = providerNames[retirement.provider] ?? retirement.provider;
    if (retirement.shutdown <= today) {
      return {
        ...model,
        retired: { successor: retirement.successor, since: retirement.shutdown },
        notice: model.notice ?? `${who} shut ${model.id} down on ${retirement.shutdown}; ${retirement.successor} answers in its place`,
      };
    }
    return { ...model, notice: model.notice ?? `${who} shuts ${model.id} down on ${retirement.shutdown}; move to ${retirement.successor} before then` };
  });
}
