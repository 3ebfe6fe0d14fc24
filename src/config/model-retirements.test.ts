import { describe, expect, it } from 'vitest';
import { defaultModels } from './default-models.js';
import { ConfigError } from './env.js';
import { applyRetirements, builtInRetirements, parseRetirements, utcDay } from './model-retirements.js';
import { ModelsCatalogue } from './models-catalogue.js';

const at = (day: string) => () => Date.parse(`${day}T12:00:00Z`);

describe('model retirements (model-retirements.json)', () => {
  it('routes a model from its shutdown day on, and only gives a notice before it', () => {
    const entry = { id: 'old', provider: 'gemini' as const, shutdown: '2026-12-01', successor: 'new', source: 'test' };
    const models = [{ id: 'old', name: 'Old', provider: 'gemini' as const, provider_model: 'old' }];
    const before = applyRetirements(models, [entry], '2026-11-30')[0]!;
    expect(before.retired).toBeUndefined();
    expect(before.notice).toMatch(/shuts old down on 2026-12-01; move to new/);
    const onTheDay = applyRetirements(models, [entry], '2026-12-01')[0]!;
    expect(onTheDay.retired).toEqual({ successor: 'new', since: '2026-12-01' });
    expect(onTheDay.notice).toMatch(/shut old down on 2026-12-01; new answers in its place/);
  });

  it('on 2026-12-03 the seed ids route to the successors the providers named', () => {
    const catalogue = new ModelsCatalogue(defaultModels, {}, { now: at('2026-12-03') });
    expect(catalogue.resolve('claude-sonnet-4-5')?.id).toBe('claude-sonnet-5-5');
    expect(catalogue.resolve('gemini-3-pro-preview')?.id).toBe('gemini-3.1-pro-preview');
    expect(catalogue.resolve('gemini-2.5-pro')?.id).toBe('gemini-3.8-flash');
    expect(catalogue.resolve('gemini-2.5-flash')?.id).toBe('gemini-3.5-flash-lite');
    // announced for 2027: still itself, with the date shown
    expect(catalogue.resolve('gemini-3.1-flash-lite')?.id).toBe('gemini-3.1-flash-lite');
    expect(catalogue.noticeFor(catalogue.get('gemini-3.1-flash-lite')!)).toMatch(/2027-05-07/);
    // a day before Anthropic's date, Sonnet 4.5 still answers itself
    expect(new ModelsCatalogue(defaultModels, {}, { now: at('2026-11-29') }).resolve('claude-sonnet-4-5')?.id).toBe('claude-sonnet-4-5');
  });

  it('every successor in the file is a model of the table, even once every date has passed', () => {
    expect(() => new ModelsCatalogue(defaultModels, {}, { now: at('2099-01-01') })).not.toThrow();
    const ids = new Set(defaultModels.map((m) => m.id));
    for (const entry of builtInRetirements) {
      expect(ids.has(entry.id), entry.id).toBe(true);
      expect(ids.has(entry.successor), entry.successor).toBe(true);
      expect(entry.source.length).toBeGreaterThan(10);
    }
  });

  it('a malformed entry is a configuration error naming the field', () => {
    expect(() => parseRetirements({ retirements: [{ id: 'x', provider: 'gemini', shutdown: '1 Dec 2026', successor: 'y', source: 's' }] }, 'file')).toThrow(ConfigError);
    expect(() => parseRetirements({ retirements: [{ id: 'x', provider: 'gemini', shutdown: '1 Dec 2026', successor: 'y', source: 's' }] }, 'file')).toThrow(/retirements\.0\.shutdown/);
  });

  it('a models-file entry that says how it is retired keeps its own word', () => {
    const models = [{ id: 'claude-sonnet-4-5', name: 'S', provider: 'anthropic' as const, provider_model: 'claude-sonnet-4-5', retired: { successor: 'mine', since: '2026-01-01' } }];
    expect(applyRetirements(models, builtInRetirements, '2026-12-03')[0]!.retired?.successor).toBe('mine');
  });

  it('compares days in UTC', () => {
    expect(utcDay(Date.parse('2026-11-30T23:59:59Z'))).toBe('2026-11-30');
  });
});
