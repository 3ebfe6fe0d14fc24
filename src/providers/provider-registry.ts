import { defaultLocalModelIds, seedGeminiModelIds } from '../config/default-models.js';
import type { ModelsCatalogue } from '../config/models-catalogue.js';
import type { CatalogueModel, ModelDetail, ProviderFamily } from '../domain/index.js';
import type { DiscoveryStatus } from './model-discovery.js';
import type { Availability, VideoProvider } from './provider.js';

/** What the registry needs of live discovery: where each provider's list stands. */
export interface DiscoveryView {
  status(family: ProviderFamily): DiscoveryStatus | undefined;
}

/** Finds the adapter for a catalogue model and says whether the model can be used. */
export class ProviderRegistry {
  private readonly byFamily = new Map<ProviderFamily, VideoProvider>();
  private discovery: DiscoveryView | undefined;

  constructor(
    readonly catalogue: ModelsCatalogue,
    providers: VideoProvider[],
  ) {
    for (const provider of providers) this.byFamily.set(provider.family, provider);
  }

  /** Lets availability follow the providers' own model lists. */
  useDiscovery(discovery: DiscoveryView): void {
    this.discovery = discovery;
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
    const configured = provider.availability(model);
    if (!configured.available) return configured;
    if (this.catalogue.offeredByProvider(model) === false) {
      const label = this.discovery?.status(model.provider)?.label ?? model.provider;
      const what = model.id === requested.id ? '' : ` (${model.id}, which answers for ${requested.id})`;
      const notice = this.catalogue.noticeFor(requested);
      return { available: false, reason: `not offered by your ${label} account${what}${notice ? `: ${notice}` : ''}` };
    }
    return configured;
  }

  isAvailable(modelId: string): boolean {
    return this.availability(modelId).available;
  }

  describeAll(): ModelDetail[] {
    return this.catalogue.all().map((model) => {
      const availability = this.availability(model.id);
      const reason = availability.available ? this.staleListReason(model) : availability.reason;
      const notice = this.catalogue.noticeFor(model);
      // a retired id is billed as the model that answers for it
      const priced = this.catalogue.resolve(model.id) ?? model;
      return {
        id: model.id,
        name: model.name,
        provider: model.provider,
        role: model.role,
        can_judge: model.can_judge || model.role === 'judge',
        retired_to: model.retired?.successor ?? null,
        input_usd_per_mtok: priced.input_usd_per_mtok,
        output_usd_per_mtok: priced.output_usd_per_mtok,
        price_known: priced.input_usd_per_mtok !== null && priced.output_usd_per_mtok !== null,
        discovered: this.catalogue.isDiscovered(model.id),
        available: availability.available,
        ...(reason ? { reason } : {}),
        ...(notice ? { notice } : {}),
      };
    });
  }

  /** The seed's default when a request names no models: its four Gemini models when Gemini is configured, else the measuring local analyzers. */
  defaultModelSet(): string[] {
    const usable = (id: string) => this.catalogue.get(id) !== undefined && this.isAvailable(id);
    const gemini = seedGeminiModelIds.filter(usable);
    return gemini.length > 0 ? gemini : defaultLocalModelIds.filter(usable);
  }

  /** A usable model whose provider's list could not be refreshed: which list it is judged by. */
  private staleListReason(model: CatalogueModel): string | undefined {
    const status = this.discovery?.status(this.catalogue.resolve(model.id)?.provider ?? model.provider);
    if (status?.state !== 'failed') return undefined;
    const basis = status.listed_at ? `the list from ${status.listed_at} stays in use` : 'the built-in table stays in use';
    return `the ${status.label} model list could not be refreshed (${status.error}); ${basis}`;
  }
}
