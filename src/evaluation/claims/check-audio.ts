import { formatPreciseTimecode } from '../../domain/index.js';
import { checkGrounding } from '../grounding.js';
import { checkDenial, checkEventTimes, clausesAbout, spansText, suggestion, type ClaimCheck, type ClaimChecker } from './claim.js';

const signed = (value: number) => `${value > 0 ? '+' : ''}${value.toFixed(1)}`;

const noAudio = /\b(?:no|without an?|lacks? an?|missing) (?:audio|sound)(?: track)?\b|\bsilent (?:video|film|clip)\b|\bhas no sound\b/i;
const hearsSomething = /\b(?:music|melody|song|voice|speech|narrat\w*|speaks?|says|dialogue|tone|beep|hum|sound effects?|is heard|can be heard|we hear)\b/i;
const incapable = /\bcannot hear\b|\bcan't hear\b|\bunable to hear\b/i;

/** "No audio" against the audio track; hearing something in a video that has no track. */
export const checkAudioPresence: ClaimChecker = (context) => {
  const { facts } = context;
  const checks: ClaimCheck[] = [];
  const truth = facts.has_audio ? 'the video has an audio track' : 'the video has no audio track';
  if (context.clauses.some((c) => noAudio.test(c.text))) {
    checks.push({ family: 'audio presence', verdict: facts.has_audio ? 'contradicted' : 'supported', claim: 'no audio', truth });
  } else if (!facts.has_audio) {
    const heard = context.clauses.filter((c) => hearsSomething.test(c.text) && !incapable.test(c.text) && !suggestion.test(c.text) && !/\bno\b|\bnot\b|\bnothing\b/i.test(c.text));
    if (heard.length > 0) checks.push({ family: 'audio presence', verdict: 'contradicted', claim: `describes sound ("${heard[0].text.trim().slice(0, 60)}")`, truth });
  }
  return checks;
};

// "sound throughout" alone may speak of one shot, so only a denial of silences counts
const noSilence = /\b(?:no|without(?: any)?|never any) (?:silen\w*|gaps?|dead air|pauses?)\b|\bnever (?:goes )?silent\b/i;

/** Silence positions (±0.5 s) and "no silences"; nothing to check without an audio track. */
export const checkSilences: ClaimChecker = (context) => {
  const { facts } = context;
  if (!facts.has_audio) return [];
  const report = checkGrounding(context.text, { duration_s: facts.duration_s, cuts_s: null, silences: facts.silences });
  const truth = `measured silences: ${spansText(facts.silences)}`;
  const wrong = new Set(report.unsupported_silence_claims);
  const checks: ClaimCheck[] = report.unsupported_silence_claims.map((t) => ({ family: 'silences', verdict: 'contradicted', claim: `silence at ${formatPreciseTimecode(t)}`, truth }));
  for (let i = 0; i < report.silence_claims - wrong.size; i++) checks.push({ family: 'silences', verdict: 'supported', claim: 'silence position', truth });
  return [...checks, ...checkDenial('silences', context, noSilence, 'no silences', facts.silences, truth)];
};

const lufsValue = /(-?\d{1,2}(?:\.\d+)?)\s?LUFS\b/gi;
const dbtpValue = /([+-−]?\d{1,2}(?:\.\d+)?)\s?dBTP\b/gi;
const notIntegrated = /\b(?:momentary|short-term|up to|peaks? at|target|aim|should|recommend\w*|standard|normali[sz]\w*|platforms?|spotify|youtube|tiktok|broadcast|ebu|atsc|streaming|bring|raise|lower|boost|limiter|ceiling|at most|to\s+-\d)\b/i;
const LUFS_TOLERANCE = 1.5;
const PEAK_TOLERANCE = 1;

/** Integrated loudness (±1.5 LU) and true peak (±1 dB) values the answer states as measured. */
export const checkLoudnessValues: ClaimChecker = (context) => {
  const loudness = context.facts.has_audio ? context.facts.loudness : null;
  if (!loudness) return [];
  const checks: ClaimCheck[] = [];
  for (const clause of context.clauses) {
    if (notIntegrated.test(clause.text)) continue;
    if (loudness.integrated_lufs !== null) {
      for (const m of clause.text.matchAll(lufsValue)) {
        const claimed = Number(m[1]);
        const ok = Math.abs(claimed - loudness.integrated_lufs) <= LUFS_TOLERANCE;
        checks.push({ family: 'loudness', verdict: ok ? 'supported' : 'contradicted', claim: `${claimed} LUFS`, truth: `integrated loudness ${loudness.integrated_lufs.toFixed(1)} LUFS` });
      }
    }
    if (loudness.true_peak_dbtp !== null) {
      for (const m of clause.text.matchAll(dbtpValue)) {
        const claimed = Number(m[1].replace('−', '-'));
        const ok = Math.abs(claimed - loudness.true_peak_dbtp) <= PEAK_TOLERANCE;
        checks.push({ family: 'loudness', verdict: ok ? 'supported' : 'contradicted', claim: `true peak ${claimed} dBTP`, truth: `true peak ${signed(loudness.true_peak_dbtp)} dBTP` });
      }
    }
  }
  return checks;
};

/** clipped highlights or crushed blacks are picture clipping, not sound */
const pictureWords = /\b(?:highlights?|whites?|shadows?|blacks?|exposure|over-?exposed|brightness|luma|crushed|picture|image|colou?rs?)\b/i;
const clippingCue = /\bclipp(?:ing|ed|s)\b|\bdistort(?:ion|ed|s)\b|\bover(?:load\w*|driven)\b/i;
const noClipping = /\b(?:no|without(?: any)?|free of) (?:clipping|distortion|clipped)\b|\bnever clips?\b|\bdoes(?: not|n't) clip\b|\bnothing clips\b|\bclean peaks\b/i;

/** Clipping positions (±0.5 s) and "no clipping" against the measured clipping segments. */
export const checkClipping: ClaimChecker = (context) => {
  const { facts } = context;
  if (!facts.has_audio) return [];
  const peak = facts.loudness?.true_peak_dbtp;
  const spans = facts.clipping_segments ?? [];
  const truth = spans.length > 0
    ? `${peak !== null && peak !== undefined ? `true peak ${signed(peak)} dBTP with ` : ''}clipping at ${spansText(spans)}`
    : `no clipping measured${peak !== null && peak !== undefined ? ` (true peak ${signed(peak)} dBTP)` : ''}`;
  const found = clausesAbout(context, clippingCue, new RegExp(`${noClipping.source}|${suggestion.source}|${pictureWords.source}`, 'i'));
  return [...checkEventTimes('clipping', found, spans, 'clipping', truth), ...checkDenial('clipping', context, noClipping, 'no clipping', spans, truth)];
};

const loudestCue = /\b(?:loudest|peak loudness|loudness peaks?|gets? loud|loud (?:burst|passage|part|section|moment|spike)|(?:is|gets|becomes) (?:very )?loud|spikes?)\b/i;

/** "The loudest moment is at …" and loud passages against the loudest moment and the loud segments (±0.5 s). */
export const checkLoudMoments: ClaimChecker = (context) => {
  const { facts } = context;
  if (!facts.has_audio) return [];
  const loudest = facts.loudest_moment;
  if (!loudest) return [];
  const loud = [...(facts.loud_segments ?? []), ...(facts.clipping_segments ?? [])];
  // the loudest moment of a steady loud passage is anywhere in that passage
  const around = loud.filter((s) => loudest.at_s >= s.start_s - 0.5 && loudest.at_s <= s.end_s + 0.5);
  const targets = [{ start_s: loudest.at_s, end_s: loudest.at_s }, ...around, ...loud];
  const truth = `loudest moment ${formatPreciseTimecode(loudest.at_s)} (${loudest.momentary_lufs.toFixed(1)} LUFS momentary)${loud.length > 0 ? `; loud at ${spansText(loud)}` : ''}`;
  return checkEventTimes('loud moments', clausesAbout(context, loudestCue, suggestion), targets, 'loud moment', truth);
};
