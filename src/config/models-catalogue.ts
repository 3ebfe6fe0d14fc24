import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { catalogueModelSchema, type CatalogueModel, type CatalogueModelInput } from '../domain/index.js';
import { ConfigError } from './env.js';
import { defaultModels } from './default-models.js';

const modelsFileSchema = z.object({ models: z.array(catalogueModelSchema) });

/** The models the application knows, by id. Immutable after start-up. */
export class ModelsCatalogue {
  private readonly byId: Map<string, CatalogueModel>;

  constructor(models: readonly CatalogueModelInput[]) {
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
 * (`{models: [...]}`) added or replacing built-ins of the same id.
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
  return new ModelsCatalogue([...merged.values()]);
}
