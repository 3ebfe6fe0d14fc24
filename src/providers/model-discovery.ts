import type { ListedModel, ModelsCatalogue } from '../config/models-catalogue.js';
import type { ProviderFamily } from '../domain/index.js';
import type { Logger } from '../logging/logger.js';
import { systemClock, type Clock } from '../core/clock.js';
import { isCancellation } from '../core/provider-error.js';

/** One provider's list call, as discovery runs it. */
export interface DiscoverySource {
  family: ProviderFamily;
  /** the provider as a user names it ("Gemini") */
  label: string;
  list(signal: AbortSignal): Promise<ListedModel[]>;
}

/** What discovery knows of one provider's list. */
export interface DiscoveryStatus {
  family: ProviderFamily;
  label: string;
  state: 'pending' | 'listed' | 'failed';
  /** when the last good list arrived (ISO) */
  listed_at: string | null;
  /** why the last attempt failed, while it stands */
  error: string | null;
}

export interface ModelDiscoveryOptions {
  catalogue: ModelsCatalogue;
  sources: DiscoverySource[];
  logger: Logger;
  clock?: Clock;
  /** between refreshes (default 6 h) */
  intervalMs?: number;
  /** one list call, all its pages (default 15 s) */
  timeoutMs?: number;
}

export const DISCOVERY_INTERVAL_MS = 6 * 3600_000;

/**
 * Asks each configured provider which models it offers, at start-up, every
 * `intervalMs` and on demand, and hands each good list to the catalogue. A
 * failed list call keeps the last good list and says why in `status`. Nothing
 * waits on it: start() returns at once and the catalogue changes when a list arrives.
 */
export class ModelDiscovery {
  private readonly statuses = new Map<ProviderFamily, DiscoveryStatus>();
  private readonly stopping = new AbortController();
  private running: Promise<DiscoveryStatus[]> | undefined;
  private loop: Promise<void> | undefined;
  private readonly clock: Clock;
  private firstRefresh: Promise<unknown> | undefined;

  constructor(private readonly options: ModelDiscoveryOptions) {
    this.clock = options.clock ?? systemClock;
    for (const source of options.sources) {
      this.statuses.set(source.family, { family: source.family, label: source.label, state: 'pending', listed_at: null, error: null });
    }
  }

  /** Starts the first refresh and the periodic ones; returns at once. */
  start(): void {
    if (this.loop || this.options.sources.length === 0) return;
    this.loop = (async () => {
      while (!this.stopping.signal.aborted) {
        await this.refresh();
        await this.clock.sleep(this.options.intervalMs ?? DISCOVERY_INTERVAL_MS, this.stopping.signal);
      }
    })().catch((error: unknown) => {
      if (!isCancellation(error)) this.options.logger.error({ err: (error as Error).message }, 'model discovery stopped');
    });
  }

  /** Lists every provider now (joining a refresh already under way). */
  refresh(): Promise<DiscoveryStatus[]> {
    this.running ??= Promise.all(this.options.sources.map((source) => this.refreshOne(source))).finally(() => {
      this.running = undefined;
    });
    this.firstRefresh ??= this.running;
    return this.running;
  }

  /** Resolves once every provider has answered (or failed) the first time; at once when there is nothing to ask. */
  async firstListed(): Promise<void> {
    if (this.options.sources.length === 0) return;
    await (this.firstRefresh ?? this.refresh());
  }

  status(family: ProviderFamily): DiscoveryStatus | undefined {
    return this.statuses.get(family);
  }

  all(): DiscoveryStatus[] {
    return [...this.statuses.values()];
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
    await this.running?.catch(() => undefined);
  }

  private async refreshOne(source: DiscoverySource): Promise<DiscoveryStatus> {
    const previous = this.statuses.get(source.family)!;
    const signal = AbortSignal.any([this.stopping.signal, AbortSignal.timeout(this.options.timeoutMs ?? 15_000)]);
    try {
      const listed = await source.list(signal);
      const added = this.options.catalogue.applyListing(source.family, listed);
      const status: DiscoveryStatus = { ...previous, state: 'listed', listed_at: new Date(Date.now()).toISOString(), error: null };
      this.statuses.set(source.family, status);
      this.options.logger.info({ provider: source.family, models: listed.length, added }, 'model list refreshed');
      return status;
    } catch (error) {
      const message = describe(error, signal);
      const status: DiscoveryStatus = { ...previous, state: 'failed', error: message };
      this.statuses.set(source.family, status);
      if (!this.stopping.signal.aborted) this.options.logger.warn({ provider: source.family, err: message }, 'model list could not be refreshed; the last good list stays');
      return status;
    }
  }
}

function describe(error: unknown, signal: AbortSignal): string {
  if (signal.aborted) return 'no answer in time';
  const text = error instanceof Error ? error.message : String(error);
  // SDK messages can carry a whole response body; one line is what a person reads
  return text.split('\n')[0]!.slice(0, 200);
}
