import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { catalogueModelSchema, providerFamilies, type CatalogueModel, type CatalogueModelInput, type ProviderFamily } from '../domain/index.js';
import { ConfigError } from './env.js';
import { defaultModels } from './default-models.js';

const rateLimitsSchema = z.object({
  requests_per_minute: z.number().positive(),
  concurrent: z.number().int().positive(),
});
export type ProviderLimits = Partial<Record<ProviderFamily, z.infer<typeof rateLimitsSchema>>>;

const modelsFileSchema = z.object({
  models: z.array(catalogueModelSchema).default([]),
  /** limits shared by every model of a provider (e.g. one account-wide quota), on top of each model's own */
  providers: z.partialRecord(z.enum(providerFamilies), rateLimitsSchema).default({}),
});

/** A limiter a call must pass, as the scheduler takes it. */
export interface LimiterSpec {
  key: string;
  limits: { requests_per_minute: number; concurrent: number };
}

/** The models the application knows, by id. Immutable after start-up. */
export class ModelsCatalogue {
  private readonly byId: Map<string, CatalogueModel>;

  constructor(
    models: readonly CatalogueModelInput[],
    private readonly providerLimits: ProviderLimits = {},
  ) {
    this.byId = new Map(models.map((m) => {
      const parsed = catalogueModelSchema.parse(m);
      return [parsed.id, parsed] as const;
    }));
    for (const model of this.byId.values()) {
      if (model.retired && !this.byId.has(model.retired.successor)) {
        throw new ConfigError(`Model ${model.id} is retired in favour of ${model.retired.successor}, which is not in the catalogue`);
      }
    }
  }

  /**
   * The limiters a call to `model` passes: its provider's shared limit
   * (unlimited when none is configured), then the model's own. Always in this order, so calls
   * holding one place never wait on each other in a cycle.
   */
  limitersFor(model: CatalogueModel): LimiterSpec[] {
    // Always a provider limiter, unlimited unless configured: the scheduler learns a provider's shared quota there from its 429s.
    const shared = this.providerLimits[model.provider] ?? { requests_per_minute: Infinity, concurrent: Infinity };
    return [
      { key: `provider:${model.provider}`, limits: shared },
      { key: `model:${model.id}`, limits: model.limits },
    ];
  }

  all(): CatalogueModel[] {
    return [...this.byId.values()];
  }

  get(id: string): CatalogueModel | undefined {
    return this.byId.get(id);
  }

  /** the model that actually answers for `id` (follows retirements) */
  resolve(id: string): CatalogueModel | undefined {
    let model = this.byId.get(id);
    const seen = new Set<string>();
    while (model?.retired && !seen.has(model.id)) {
      seen.add(model.id);
      model = this.byId.get(model.retired.successor);
    }
    return model;
  }
}

/**
 * Built-in models, with the entries of a JSON or YAML models file
 * (`{models: [...], providers: {gemini: {requests_per_minute, concurrent}}}`)
 * added or replacing built-ins of the same id.
 */
export function loadModelsCatalogue(modelsFile?: string): ModelsCatalogue {
  if (!modelsFile) return new ModelsCatalogue(defaultModels);
  let parsedFile: unknown;
  try {
    const text = readFileSync(modelsFile, 'utf8');
    parsedFile = /\.ya?ml$/i.test(modelsFile) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`VIDCOMPARE_MODELS_FILE: cannot read ${modelsFile}: ${(error as Error).message}`);
  }
  const result = modelsFileSchema.safeParse(parsedFile);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`VIDCOMPARE_MODELS_FILE: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const merged = new Map<string, CatalogueModelInput>(defaultModels.map((m) => [m.id, m]));
  for (const model of result.data.models) merged.set(model.id, model);
  return new ModelsCatalogue([...merged.values()], result.data.providers);
}
