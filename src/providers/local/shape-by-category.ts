import type { PromptCategory } from '../../domain/index.js';
import { loudMomentsSection, loudnessSection, silencesSection } from './audio-analyzer.js';
import { brollSection } from './broll-suggestions.js';
import { captionSlotsSection } from './caption-slots.js';
import { hookSection, trimsSection } from './editing-sections.js';
import { timelineSection } from './full-analyzer.js';
import { lookConsistencySection, lookOverallSection, lookShotsSection } from './look-analyzer.js';
import type { LocalAnalyzer, Section } from './section.js';
import { blackFrozenSection, cutsSection, pacingSection } from './shots-analyzer.js';
import { thumbnailSection } from './thumbnail-candidates.js';
import { trimVersionsSection } from './trim-versions.js';

/** What each kind of prompt asks for first. */
export const categorySections: Record<PromptCategory, readonly Section[]> = {
  analysis: [timelineSection],
  general: [timelineSection],
  editing: [hookSection, cutsSection, pacingSection, trimsSection],
  trimming: [trimVersionsSection, trimsSection],
  audio: [loudnessSection, loudMomentsSection, silencesSection],
  cuts: [cutsSection, blackFrozenSection],
  captions: [captionSlotsSection],
  pacing: [cutsSection, pacingSection],
  colour: [lookOverallSection, lookShotsSection, lookConsistencySection],
  broll: [brollSection],
  thumbnail: [thumbnailSection],
};

/** What a measurement cannot answer, for each kind of prompt. */
export const categoryLimits: Record<PromptCategory, string> = {
  analysis: 'It cannot describe what is on screen, who is in the video, what is said or what it means: pair it with a vision model for content.',
  general: 'It cannot describe what is on screen, who is in the video, what is said or what it means: pair it with a vision model for content.',
  editing: 'It cannot judge which moments matter to the story or which take is best; the suggestions come from timing, silence and picture statistics only.',
  trimming: 'It cannot judge which moments matter to the story: the versions are built from timing, sound and exposure, so review them before exporting.',
  audio: 'It cannot tell voice from music, judge voice clarity or name a kind of noise; it reports levels and silences only.',
  captions: 'It cannot read on-screen text or transcribe speech, so it cannot write the captions themselves.',
  cuts: 'Dissolves and whip pans may not register as cuts; only hard cuts and fades from or to black are measured.',
  pacing: 'Dissolves, slow fades and fast camera moves may not register as cuts; only hard cuts are measured.',
  colour: 'The figures are averages per shot: it cannot see skin tones, the subject or the intended look.',
  broll: 'It cannot see what the shots show, so it cannot say what the inserts should depict.',
  thumbnail: 'It cannot see faces, expressions or the subject, which make most thumbnails.',
};

/** The captions limit when the on-screen text was read. */
export const textCaptionsLimit =
  'It reads text already on screen (OCR of sampled frames: small, stylised or moving text may be missed) but cannot transcribe speech, so it cannot write subtitles for what is said.';

/** The prompt's sections first, then the analyzer's own specialty, each section once. */
export function orderSections(category: PromptCategory, analyzer: LocalAnalyzer): Section[] {
  const ordered: Section[] = [];
  const seen = new Set<string>();
  const asked = !analyzer.answers || analyzer.answers.includes(category) ? categorySections[category] : [];
  for (const section of [...(analyzer.lead ?? []), ...asked, ...analyzer.specialty]) {
    if (seen.has(section.id)) continue;
    seen.add(section.id);
    ordered.push(section);
  }
  return ordered;
}
