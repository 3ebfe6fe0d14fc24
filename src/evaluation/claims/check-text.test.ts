import { describe, expect, it } from 'vitest';
import type { MediaFacts, TextSpan } from '../../domain/index.js';
import { mediaFactsFor } from '../../../test/calibration/fake-video.js';
import { claimContext } from './claim.js';
import { checkOnScreenText, readsOnScreenText } from './check-text.js';

const spans: TextSpan[] = [
  { start_s: 0, end_s: 3, text: 'TOKYO - DAY 1', confidence: 92, frames: 3 },
  { start_s: 4, end_s: 6, text: 'SUMMER SALE 50 PERCENT OFF', confidence: 88, frames: 2 },
  { start_s: 6, end_s: 8, text: 'THANKS FOR WATCHlNG', confidence: 90, frames: 2 },
  { start_s: 8, end_s: 10, text: 'OPFN LA7E', confidence: 63, frames: 2 },
];
const base = mediaFactsFor({ duration_s: 10, cuts_s: [3, 6, 8] });
const facts: MediaFacts = { ...base, on_screen_text: { version: 1, sampled_s: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], spans } };

const check = (text: string, f: MediaFacts = facts) => checkOnScreenText(claimContext(text, f));
const verdicts = (text: string, f?: MediaFacts) => check(text, f).map((c) => [c.claim, c.verdict]);

describe('on-screen text claims', () => {
  it('a quoted title read by OCR is supported, fuzzily and inside a longer reading, with or without a time', () => {
    expect(verdicts('The opening title reads "Tokyo – Day 1".')).toEqual([['on-screen text "Tokyo – Day 1"', 'supported']]);
    expect(verdicts('At 00:04 a lower third says "SUMMER SALE".')).toEqual([['on-screen text "SUMMER SALE" at 00:04.0–00:05.0', 'supported']]);
    expect(verdicts("The end card (00:06–00:08) reads 'THANKS FOR WATCHING'.")).toEqual([[expect.stringContaining('THANKS FOR WATCHING'), 'supported']]);
    expect(verdicts('## On-screen text\n\n- [00:00.0–00:03.0] "TOKYO - DAY 1" (confidence 92 %)')).toEqual([[expect.any(String), 'supported']]);
    // words inside the quote do not make it a proposal
    expect(verdicts('The sign reads "USE THE SUMMER SALE".')).toEqual([[expect.any(String), 'contradicted']]);
  });

  it('an invented title is contradicted, naming what is really on screen', () => {
    const [wrong] = check('The title card reads "WELCOME TO PARIS".');
    expect(wrong.verdict).toBe('contradicted');
    expect(wrong.truth).toMatch(/^no sampled frame shows it; on screen: "TOKYO - DAY 1" \(00:00\.0–00:03\.0\), "SUMMER SALE 50 PERCENT OFF"/);
  });

  it('real text at the wrong time is contradicted with where it is and what the frames show then', () => {
    const [wrong] = check('At 00:05 the title "TOKYO - DAY 1" appears.');
    expect(wrong).toMatchObject({ verdict: 'contradicted', claim: 'on-screen text "TOKYO - DAY 1" at 00:05.0–00:06.0' });
    expect(wrong.truth).toMatch(/it is on screen at 00:00\.0–00:03\.0; at the stated time the frames show "SUMMER SALE 50 PERCENT OFF"/);
  });

  it('text the OCR cannot read clearly is not checked', () => {
    const [unsure] = check('The sign at 00:09 reads "OPEN LATE".');
    expect(unsure.verdict).toBe('unchecked');
    expect(unsure.truth).toMatch(/cannot read clearly: "OPFN LA7E" .* at 63 % confidence/);
  });

  it('captions the answer proposes, quoted speech and section names are not claims', () => {
    expect(check('Caption at 00:01: "Welcome to Tokyo", placed at the bottom centre.')).toEqual([]);
    expect(check('Add a caption "Day one begins" over the first shot.')).toEqual([]);
    expect(check('Overlay text "TEST" on the thumbnail.')).toEqual([]);
    expect(check('The narrator says "welcome back" at 00:02.')).toEqual([]);
    expect(check('## On-screen text\n\nThe text already on screen is listed under "On-screen text".')).toEqual([]);
  });

  it('"no on-screen text" is contradicted when titles were read, and supported when none were', () => {
    expect(check('There is no on-screen text.')[0]).toMatchObject({ verdict: 'contradicted', truth: expect.stringContaining('"TOKYO - DAY 1"') });
    const blank: MediaFacts = { ...base, on_screen_text: { version: 1, sampled_s: [0, 5], spans: [] } };
    expect(verdicts('There is no on-screen text.', blank)).toEqual([['no on-screen text', 'supported']]);
    expect(check('No text in shot 2.')).toEqual([]);
  });

  it('without OCR readings every quote is listed as not checked, with why', () => {
    const [quote] = check('The title reads "TOKYO - DAY 1".', base);
    expect(quote).toMatchObject({ verdict: 'unchecked', truth: expect.stringMatching(/not read for this video/) });
  });

  it('tells an answer that reads the text from one that only talks about captions', () => {
    expect(readsOnScreenText('The title reads "TOKYO - DAY 1".')).toBe(true);
    expect(readsOnScreenText('Existing on-screen text: none besides the counter.')).toBe(true);
    expect(readsOnScreenText('Place captions in the lower third; caption at 00:01: "Hello".')).toBe(false);
  });
});
