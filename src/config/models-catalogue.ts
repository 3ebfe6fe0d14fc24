import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { catalogueModelSchema, providerFamilies, type CatalogueModel, type CatalogueModelInput, type ProviderFamily } from '../domain/index.js';
import { ConfigError } from './env.js';
import { defaultModels } from './default-models.js';
import { applyRetirements, builtInRetirements, utcDay, type Retirement } from './model-retirements.js';

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

/** One model as a provider's list call names it. */
export interface ListedModel {
  /** the provider's id (`gemini-3.8-flash`, `gpt-4.1`, `llava:13b`) */
  id: string;
  display_name?: string;
  /** the provider's own word on its end of life (Anthropic's `lifecycle: deprecated` with `retires_at`) */
  notice?: string;
}

export interface CatalogueOptions {
  /** shutdowns to apply (default: model-retirements.json) */
  retirements?: readonly Retirement[];
  /** the clock that decides which shutdowns have passed (default: Date.now) */
  now?: () => number;
}

const validId = /^[A-Za-z0-9._:-]+$/;

/**
 * The models the application knows, by id: the built-in price and limit table
 * with the models file, retirements applied at start-up, plus what each
 * provider's list call last offered (live discovery). A listed model the table
 * lacks is added without a price; which table models a provider still lists
 * decides their availability (see ProviderRegistry).
 */
export class ModelsCatalogue {
  private readonly table: Map<string, CatalogueModel>;
  /** models a provider listed that the table lacks, by our id */
  private discovered = new Map<string, CatalogueModel>();
  /** per provider, the provider ids of its last good listing */
  private readonly listings = new Map<ProviderFamily, Set<string>>();
  /** per provider, what its listing said of a model's end of life, by provider id */
  private readonly listedNotices = new Map<ProviderFamily, Map<string, string>>();

  constructor(
    models: readonly CatalogueModelInput[],
    private readonly providerLimits: ProviderLimits = {},
    options: CatalogueOptions = {},
  ) {
    const today = utcDay((options.now ?? Date.now)());
    const withRetirements = applyRetirements(models, options.retirements ?? builtInRetirements, today);
    this.table = new Map(withRetirements.map((m) => {
      const parsed = catalogueModelSchema.parse(m);
      return [parsed.id, parsed] as const;
    }));
    for (const model of this.table.values()) {
      if (model.retired && !this.table.has(model.retired.successor)) {
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
    return [...this.table.values(), ...this.discovered.values()];
  }

  get(id: string): CatalogueModel | undefined {
    return this.table.get(id) ?? this.discovered.get(id);
  }

  /** whether `id` came from a provider's list rather than the table */
  isDiscovered(id: string): boolean {
    return !this.table.has(id) && this.discovered.has(id);
  }

  /** the model that actually answers for `id` (follows retirements) */
  resolve(id: string): CatalogueModel | undefined {
    let model = this.get(id);
    const seen = new Set<string>();
    while (model?.retired && !seen.has(model.id)) {
      seen.add(model.id);
      model = this.get(model.retired.successor);
    }
    return model;
  }

  /**
   * Whether `model`'s provider offers it by its last good listing; undefined
   * when no listing speaks for it (never listed, a static provider, or a model
   * on an endpoint of its own through `options.base_url`).
   */
  offeredByProvider(model: CatalogueModel): boolean | undefined {
    if (model.options.base_url !== undefined) return undefined;
    return this.listings.get(model.provider)?.has(model.provider_model);
  }

  /** the end-of-life notice for `model`: our retirements file first, else what its provider's listing said */
  noticeFor(model: CatalogueModel): string | undefined {
    return model.notice ?? this.listedNotices.get(model.provider)?.get(model.provider_model);
  }

  /**
   * Takes `family`'s fresh listing: table models it lacks become unavailable,
   * listed models the table lacks are added without a price (cost null).
   * Returns the ids added.
   */
  applyListing(family: ProviderFamily, listed: readonly ListedModel[]): string[] {
    this.listings.set(family, new Set(listed.map((m) => m.id)));
    this.listedNotices.set(family, new Map(listed.flatMap((m) => (m.notice ? [[m.id, m.notice] as const] : []))));
    const known = new Set([...this.table.values()].filter((m) => m.provider === family && m.options.base_url === undefined).map((m) => m.provider_model));
    const next = new Map([...this.discovered].filter(([, m]) => m.provider !== family));
    const added: string[] = [];
    for (const entry of listed) {
      if (known.has(entry.id)) continue;
      const id = this.freeId(family, entry.id, next);
      if (!id) continue;
      next.set(id, catalogueModelSchema.parse({
        id,
        name: entry.display_name && entry.display_name !== entry.id ? `${entry.display_name} (${entry.id})` : entry.id,
        provider: family,
        provider_model: entry.id,
        input_usd_per_mtok: null,
        output_usd_per_mtok: null,
      }));
      if (!this.discovered.has(id)) added.push(id);
    }
    this.discovered = next;
    return added;
  }

  /** our id for a listed model: its own when free and valid, else prefixed with the provider */
  private freeId(family: ProviderFamily, providerId: string, taken: Map<string, CatalogueModel>): string | undefined {
    const clean = providerId.replace(/[^A-Za-z0-9._:-]/g, '-').slice(0, 100);
    for (const candidate of [clean, `${family}:${clean}`.slice(0, 100)]) {
      if (!validId.test(candidate)) continue;
      const owner = this.table.get(candidate) ?? taken.get(candidate);
      if (!owner) return candidate;
    }
    return undefined;
  }
}

/**
 * Built-in models, with the entries of a JSON or YAML models file
 * (`{models: [...], providers: {gemini: {requests_per_minute, concurrent}}}`)
 * added or replacing built-ins of the same id, and the shutdowns of
 * model-retirements.json applied as of `options.now`.
 */
export function loadModelsCatalogue(modelsFile?: string, options: CatalogueOptions = {}): ModelsCatalogue {
  if (!modelsFile) return new ModelsCatalogue(defaultModels, {}, options);
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
  return new ModelsCatalogue([...merged.values()], result.data.providers, options);
}
