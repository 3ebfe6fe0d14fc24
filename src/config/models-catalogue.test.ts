import { describe, expect, it } from 'vitest';
import type { CatalogueModelInput } from '../domain/index.js';
import { ModelsCatalogue } from './models-catalogue.js';

const table: CatalogueModelInput[] = [
  { id: 'gemini-a', name: 'A', provider: 'gemini', provider_model: 'gemini-a', input_usd_per_mtok: 1, output_usd_per_mtok: 2 },
  { id: 'gemini-b', name: 'B', provider: 'gemini', provider_model: 'gemini-b', input_usd_per_mtok: 1, output_usd_per_mtok: 2 },
  { id: 'llava', name: 'Llava on its own server', provider: 'openai', provider_model: 'llava', options: { base_url: 'http://127.0.0.1:11434/v1' } },
  { id: 'gpt-x', name: 'GPT X', provider: 'openai', provider_model: 'gpt-x' },
];
const catalogue = () => new ModelsCatalogue(table, {}, { retirements: [] });

describe('catalogue with a provider listing', () => {
  it('before any listing nothing is judged by one', () => {
    const c = catalogue();
    expect(c.offeredByProvider(c.get('gemini-a')!)).toBeUndefined();
    expect(c.all().map((m) => m.id)).toEqual(['gemini-a', 'gemini-b', 'llava', 'gpt-x']);
  });

  it('adds listed models the table lacks, without a price, and marks table models the list lacks', () => {
    const c = catalogue();
    expect(c.applyListing('gemini', [{ id: 'gemini-a' }, { id: 'gemini-new', display_name: 'Gemini New' }])).toEqual(['gemini-new']);
    const found = c.get('gemini-new')!;
    expect(found).toMatchObject({ provider: 'gemini', provider_model: 'gemini-new', input_usd_per_mtok: null, output_usd_per_mtok: null, name: 'Gemini New (gemini-new)' });
    expect(c.isDiscovered('gemini-new')).toBe(true);
    expect(c.isDiscovered('gemini-a')).toBe(false);
    expect(c.offeredByProvider(c.get('gemini-a')!)).toBe(true);
    expect(c.offeredByProvider(c.get('gemini-b')!)).toBe(false);
    expect(c.offeredByProvider(found)).toBe(true);
  });

  it('a later listing replaces the earlier one: a model no longer listed leaves', () => {
    const c = catalogue();
    c.applyListing('gemini', [{ id: 'gemini-new' }]);
    expect(c.applyListing('gemini', [{ id: 'gemini-a' }])).toEqual([]);
    expect(c.get('gemini-new')).toBeUndefined();
    expect(c.offeredByProvider(c.get('gemini-a')!)).toBe(true);
  });

  it('a listed id that another provider already uses gets the provider as prefix; unusable characters become dashes', () => {
    const c = catalogue();
    c.applyListing('openai', [{ id: 'gemini-a' }, { id: 'meta-llama/Llama-3.2-11B-Vision' }, { id: 'gpt-x' }]);
    expect(c.get('gemini-a')!.provider).toBe('gemini');
    expect(c.get('openai:gemini-a')).toMatchObject({ provider: 'openai', provider_model: 'gemini-a' });
    expect(c.get('meta-llama-Llama-3.2-11B-Vision')).toMatchObject({ provider_model: 'meta-llama/Llama-3.2-11B-Vision' });
  });

  it('a model on an endpoint of its own is not judged by the default endpoint\'s list', () => {
    const c = catalogue();
    c.applyListing('openai', [{ id: 'gpt-x' }]);
    expect(c.offeredByProvider(c.get('llava')!)).toBeUndefined();
    expect(c.offeredByProvider(c.get('gpt-x')!)).toBe(true);
  });

  it('keeps what the listing said of a model\'s end of life', () => {
    const c = catalogue();
    c.applyListing('gemini', [{ id: 'gemini-a', notice: 'going away' }]);
    expect(c.noticeFor(c.get('gemini-a')!)).toBe('going away');
  });
});
