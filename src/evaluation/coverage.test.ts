import { describe, expect, it } from 'vitest';
import { checkCoverage } from './coverage.js';

const slotsOnly = 'This analyzer cannot read on-screen text or transcribe speech. Place captions in the lower third, white text with a shadow; caption at 00:01: "Hello".';
const reader = 'Measurement-based: it cannot see people or actions.\n\n## On-screen text\n\n- [00:00.0–00:03.0] "TOKYO - DAY 1" (confidence 94 %)\n\nPlace new captions in the lower third, white text with a shadow.';

describe('coverage of on-screen text (capability honesty)', () => {
  it('on a captions question, only an answer that reads the text is credited for the text already on screen', () => {
    expect(checkCoverage(slotsOnly, 'captions').covered).not.toContain('existing on-screen text');
    expect(checkCoverage('Captions and titles matter; keep the text readable.', 'captions').missing).toContain('existing on-screen text');
    expect(checkCoverage(reader, 'captions').covered).toContain('existing on-screen text');
    expect(checkCoverage('Existing on-screen text: none.', 'captions').covered).toContain('existing on-screen text');
  });

  it('saying it cannot see does not take away the text it did read', () => {
    const report = checkCoverage(reader, 'analysis');
    expect(report.covered).toContain('on-screen text');
    expect(report.disclaimed).toContain('what is on screen');
    expect(report.disclaimed).not.toContain('on-screen text');
    expect(checkCoverage(slotsOnly, 'analysis').disclaimed).toContain('on-screen text');
  });
});
