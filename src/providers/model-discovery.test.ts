import { afterEach, describe, expect, it } from 'vitest';
import { ModelsCatalogue, type ListedModel } from '../config/models-catalogue.js';
import type { CatalogueModelInput } from '../domain/index.js';
import { silentLogger } from '../logging/logger.js';
import { ManualClock } from '../core/clock.js';
import { DISCOVERY_INTERVAL_MS, ModelDiscovery } from './model-discovery.js';
import type { VideoProvider } from './provider.js';
import { ProviderRegistry } from './provider-registry.js';

const table: CatalogueModelInput[] = [
  { id: 'gemini-a', name: 'A', provider: 'gemini', provider_model: 'gemini-a', input_usd_per_mtok: 1, output_usd_per_mtok: 2 },
  { id: 'gemini-old', name: 'Old', provider: 'gemini', provider_model: 'gemini-old', input_usd_per_mtok: 1, output_usd_per_mtok: 2 },
];
const geminiAdapter: VideoProvider = {
  specificationVersion: 'v1',
  family: 'gemini',
  availability: () => ({ available: true }),
  generate: () => Promise.reject(new Error('not called')),
};

let discovery: ModelDiscovery | undefined;
afterEach(async () => {
  await discovery?.stop();
  discovery = undefined;
});

function setUp(list: () => Promise<ListedModel[]>) {
  const clock = new ManualClock(0);
  const catalogue = new ModelsCatalogue(table, {}, { retirements: [] });
  const registry = new ProviderRegistry(catalogue, [geminiAdapter]);
  let calls = 0;
  discovery = new ModelDiscovery({
    catalogue,
    logger: silentLogger(),
    clock,
    sources: [{ family: 'gemini', label: 'Gemini', list: () => { calls += 1; return list(); } }],
  });
  registry.useDiscovery(discovery);
  return { clock, catalogue, registry, calls: () => calls, discovery };
}

describe('model discovery', () => {
  it('lists at start, then every 6 h by its clock, and the registry follows the list', async () => {
    const { clock, registry, calls } = setUp(async () => [{ id: 'gemini-a' }, { id: 'gemini-new' }]);
    discovery!.start();
    await clock.waitForSleepers(1);
    expect(calls()).toBe(1);
    expect(registry.isAvailable('gemini-new')).toBe(true);
    expect(registry.availability('gemini-old')).toEqual({ available: false, reason: 'not offered by your Gemini account' });
    const detail = registry.describeAll().find((d) => d.id === 'gemini-new')!;
    expect(detail).toMatchObject({ available: true, discovered: true, price_known: false, input_usd_per_mtok: null });
    expect(registry.describeAll().find((d) => d.id === 'gemini-a')).toMatchObject({ discovered: false, price_known: true });

    await clock.advance(DISCOVERY_INTERVAL_MS - 1);
    expect(calls()).toBe(1);
    await clock.advance(1);
    await clock.waitForSleepers(1);
    expect(calls()).toBe(2);
  });

  it('a failed list keeps the last good one and says so on the models it speaks for', async () => {
    let outage = false;
    const { registry } = setUp(async () => {
      if (outage) throw new Error('503 The service is currently unavailable.\n<html>...</html>');
      return [{ id: 'gemini-a' }, { id: 'gemini-new' }];
    });
    await discovery!.refresh();
    outage = true;
    const [status] = await discovery!.refresh();
    expect(status).toMatchObject({ state: 'failed', error: '503 The service is currently unavailable.' });
    expect(registry.isAvailable('gemini-new')).toBe(true);
    expect(registry.isAvailable('gemini-old')).toBe(false);
    const reason = registry.describeAll().find((d) => d.id === 'gemini-new')!.reason!;
    expect(reason).toMatch(/^the Gemini model list could not be refreshed \(503 The service is currently unavailable\.\); the list from \d{4}-\d\d-\d\dT.* stays in use$/);
  });

  it('a first list that fails leaves the table as it is, and says so', async () => {
    const { registry } = setUp(async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:9');
    });
    await discovery!.refresh();
    expect(registry.isAvailable('gemini-old')).toBe(true);
    expect(registry.describeAll().find((d) => d.id === 'gemini-old')!.reason).toMatch(/could not be refreshed \(connect ECONNREFUSED 127\.0\.0\.1:9\); the built-in table stays in use/);
  });

  it('firstListed() waits for the first answers, whether the start or a refresh asked', async () => {
    let release!: () => void;
    const { registry } = setUp(() => new Promise((resolve) => (release = () => resolve([{ id: 'gemini-a' }, { id: 'gemini-new' }]))));
    discovery!.start();
    let done = false;
    const waiting = discovery!.firstListed().then(() => (done = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toBe(false);
    release();
    await waiting;
    expect(registry.isAvailable('gemini-new')).toBe(true);
  });

  it('refreshes asked for while one runs join it: one list call', async () => {
    let release!: () => void;
    const { calls } = setUp(() => new Promise((resolve) => (release = () => resolve([{ id: 'gemini-a' }]))));
    const first = discovery!.refresh();
    const second = discovery!.refresh();
    release();
    await Promise.all([first, second]);
    expect(calls()).toBe(1);
  });

  it('stop() aborts a list call under way and ends the loop', async () => {
    let seen: AbortSignal | undefined;
    const clock = new ManualClock(0);
    discovery = new ModelDiscovery({
      catalogue: new ModelsCatalogue(table, {}, { retirements: [] }),
      logger: silentLogger(),
      clock,
      sources: [{ family: 'gemini', label: 'Gemini', list: (signal) => new Promise((_, reject) => { seen = signal; signal.addEventListener('abort', () => reject(new Error('aborted'))); }) }],
    });
    discovery.start();
    await clock.settle();
    expect(seen?.aborted).toBe(false);
    await discovery.stop();
    expect(seen?.aborted).toBe(true);
    expect(clock.pendingSleeps()).toBe(0);
  });
});
