import { describe, expect, it } from 'vitest';
import { csvField } from '../../src/evaluation/export-report.js';

describe('CSV formula guard', () => {
  it('neutralises a formula behind leading signs, spaces and tabs', () => {
    for (const cell of ['- =HYPERLINK("http://evil")', '+ =1+1', '  =cmd|x', '\t=1', ' @SUM(A1)', '-+=1', '--=1']) {
      expect(csvField(cell).replace(/^"/, ''), JSON.stringify(cell)).toMatch(/^'/);
    }
  });

  it('still leaves markdown bullets and plain text alone', () => {
    for (const cell of ['- item', '- a = b', 'plain', '  indented text', '-']) expect(csvField(cell), cell).toBe(cell);
  });
});
