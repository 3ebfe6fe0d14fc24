import { describe, expect, it } from 'vitest';
import { promptTemplates } from '../../src/domain/index.js';
import { checkGrounding } from '../../src/evaluation/grounding.js';
import { localAnalyzerIds, writeLocalAnswer } from '../../src/providers/local/index.js';
import { calibrationCases } from './cases.js';

/**
 * The local analyzers answer from the same measurements the judges treat as
 * ground truth, so the grounding checks must find nothing wrong in them: a
 * finding here is a false accusation by the checks (or a real analyzer bug).
 */
describe('grounding checks agree with the measurement-based analyzers', () => {
  it.each(calibrationCases.map((c) => [c.id, c] as const))('%s: no fault in any analyzer answer to any template', (_id, calibrationCase) => {
    const problems: string[] = [];
    for (const template of promptTemplates) {
      for (const analyzer of localAnalyzerIds) {
        const text = writeLocalAnswer({ analyzer, facts: calibrationCase.facts, prompt: template.prompt });
        const report = checkGrounding(text, calibrationCase.facts);
        const wrong =
          report.hard_fault || report.unmatched_cuts.length > 0 || report.unsupported_silence_claims.length > 0 || report.loudness_claims.some((c) => !c.matches);
        if (wrong) problems.push(`${template.id}/${analyzer}: ${report.findings.join('; ')}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
