import { describe, expect, it } from 'vitest';
import { ModelsCatalogue } from '../config/models-catalogue.js';
import { defaultModels } from '../config/default-models.js';
import { resolveJudgeModel } from './resolve-judge-model.js';

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
