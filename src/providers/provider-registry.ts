import { defaultLocalModelIds, seedGeminiModelIds } from '../config/default-models.js';
import type { ModelsCatalogue } from '../config/models-catalogue.js';
import type { CatalogueModel, ModelDetail, ProviderFamily } from '../domain/index.js';
import type { Availability, VideoProvider } from './provider.js';

/** Finds the adapter for a catalogue model and says whether the model can be used. */
export class ProviderRegistry {
  private readonly byFamily = new Map<ProviderFamily, VideoProvider>();

  constructor(
    readonly catalogue: ModelsCatalogue,
    providers: VideoProvider[],
  ) {
    for (const provider of providers) this.byFamily.set(provider.family, provider);
  }

  providerFor(model: CatalogueModel): VideoProvider | undefined {
    return this.byFamily.get(model.provider);
  }

  availability(modelId: string): Availability {
    const requested = this.catalogue.get(modelId);
    if (!requested) return { available: false, reason: `unknown model ${modelId}` };
    const model = this.catalogue.resolve(modelId) ?? requested;
    const provider = this.providerFor(model);
    if (!provider) return { available: false, reason: `no adapter for provider ${model.provider} in this build` };
    return provider.availability(model);
  }

  isAvailable(modelId: string): boolean {
    return this.availability(modelId).available;
  }

  describeAll(): ModelDetail[] {
    return this.catalogue.all().map((model) => {
      const availability = this.availability(model.id);
      return {
        id: model.id,
        name: model.name,
        provider: model.provider,
        role: model.role,
        can_judge: model.can_judge || model.role === 'judge',
        retired_to: model.retired?.successor ?? null,
        input_usd_per_mtok: model.input_usd_per_mtok,
        output_usd_per_mtok: model.output_usd_per_mtok,
        available: availability.available,
        ...(availability.reason ? { reason: availability.reason } : {}),
      };
    });
  }

  /** The seed's default when a request names no models: its four Gemini models when Gemini is configured, else the measuring local analyzers. */
  defaultModelSet(): string[] {
    const usable = (id: string) => this.catalogue.get(id) !== undefined && this.isAvailable(id);
    const gemini = seedGeminiModelIds.filter(usable);
    return gemini.length > 0 ? gemini : defaultLocalModelIds.filter(usable);
  }
}
