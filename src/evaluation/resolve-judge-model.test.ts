import { describe, expect, it } from 'vitest';
import { ModelsCatalogue } from '../config/models-catalogue.js';
import { defaultModels } from '../config/default-models.js';
import { findJudgeConflicts, resolveJudgeModel } from './resolve-judge-model.js';

const catalogue = new ModelsCatalogue(defaultModels);
const geminiAvailable = { catalogue, isAvailable: (id: string) => id.startsWith('gemini') || id.startsWith('local') };
const offline = { catalogue, isAvailable: (id: string) => id.startsWith('local') };

describe('resolveJudgeModel', () => {
  it('"none" skips judging, from the request or the configuration', () => {
    expect(resolveJudgeModel('none', geminiAvailable)).toBeNull();
    expect(resolveJudgeModel('NONE', geminiAvailable)).toBeNull();
    expect(resolveJudgeModel(undefined, { ...geminiAvailable, configured: 'none' })).toBeNull();
  });

  it('an explicit id wins, unchanged, even over the configuration', () => {
    expect(resolveJudgeModel('gpt-4.1', { ...offline, configured: 'local-judge' })).toBe('gpt-4.1');
    expect(resolveJudgeModel('not-a-model', offline)).toBe('not-a-model');
  });

  it('then the configured judge', () => {
    expect(resolveJudgeModel(null, { ...geminiAvailable, configured: 'gemini-2.5-flash' })).toBe('gemini-2.5-flash');
    expect(resolveJudgeModel('  ', { ...geminiAvailable, configured: 'local-judge' })).toBe('local-judge');
  });

  it('then the current Gemini Pro when available, else the local judge', () => {
    expect(resolveJudgeModel(undefined, geminiAvailable)).toBe('gemini-3.1-pro-preview');
    expect(resolveJudgeModel(undefined, offline)).toBe('local-judge');
  });
});

describe('self-preference guard', () => {
  const everyone = { catalogue, isAvailable: () => true };

  it('by default prefers a capable judge from a family that is not competing', () => {
    expect(resolveJudgeModel(undefined, { ...everyone, contestants: ['local-full', 'gpt-4.1'] })).toBe('gemini-3.1-pro-preview');
    expect(resolveJudgeModel(undefined, { ...everyone, contestants: ['gemini-2.5-flash', 'gpt-4.1'] })).toBe('claude-sonnet-4-5');
    expect(resolveJudgeModel(undefined, { ...everyone, contestants: ['gemini-2.5-flash', 'claude-sonnet-4-5'] })).toBe('gpt-4.1');
    // every capable family competes: the Gemini Pro still judges (and the conflict is reported)
    expect(resolveJudgeModel(undefined, { ...everyone, contestants: ['gemini-2.5-flash', 'claude-sonnet-4-5', 'gpt-4.1'] })).toBe('gemini-3.1-pro-preview');
    // only Gemini has a key: Gemini judges Gemini rather than nobody
    expect(resolveJudgeModel(undefined, { ...geminiAvailable, contestants: ['gemini-2.5-flash'] })).toBe('gemini-3.1-pro-preview');
  });

  it('lists judges of the same family as contestants, but not the local judge', () => {
    expect(findJudgeConflicts(catalogue, ['gemini-3-pro-preview', 'gpt-4.1', 'local-judge'], ['gemini-2.5-flash', 'gemini-2.5-pro', 'local-full'])).toEqual([
      { judge_model: 'gemini-3-pro-preview', family: 'gemini', models: ['gemini-2.5-flash', 'gemini-2.5-pro'] },
    ]);
  });
});
