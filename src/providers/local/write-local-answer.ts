import { classifyPrompt, type MediaFacts, type PromptCategory } from '../../domain/index.js';
import { viewFacts, type FactsView } from './facts-view.js';
import { localAnalyzer, type LocalAnalyzerId } from './local-analyzers.js';
import { plural } from './markdown.js';
import { categoryLimits, orderSections, textCaptionsLimit } from './shape-by-category.js';

export interface LocalAnswerInput {
  analyzer: LocalAnalyzerId;
  facts: MediaFacts;
  prompt: string;
}

const disclaimer =
  '> **Measurement-based answer, not a language model.** Everything below comes from ffmpeg measurements of the video (scene cuts, black and frozen frames, silences, loudness, brightness and colour). It cannot see or hear content, so it does not describe what happens, who appears or what anything means.';

const textDisclaimer =
  '> **Measurement-based answer, not a language model.** Everything below comes from ffmpeg measurements of the video (scene cuts, black and frozen frames, silences, loudness, brightness and colour) and from on-screen text read by OCR. It cannot see people, objects or actions, or hear what is said, so it does not describe what happens or what anything means.';

function overview(view: FactsView, category: PromptCategory): string {
  const parts = [
    view.duration_s > 0 ? `length ${view.clock.precise(view.duration_s)}` : 'length not measured',
  ];
  if (view.width !== null && view.height !== null) parts.push(`${view.width}×${view.height}`);
  if (view.fps !== null) parts.push(`${Number(view.fps.toFixed(2))} fps`);
  parts.push(view.has_audio ? 'with an audio track' : 'no audio track');
  parts.push(`${plural(view.shots.length, 'shot')}, ${plural(view.cuts_s.length, 'hard cut')}`);
  const label = category === 'broll' ? 'B-roll' : category;
  return `**Video:** ${parts.join(' · ')}. Answer shaped for a${/^[aeiou]/.test(label) ? 'n' : ''} ${label} question.`;
}

/**
 * Writes a local analyzer's markdown answer: the sections the prompt's
 * category asks for first, then the analyzer's specialty. Deterministic: the
 * same facts and prompt always give the same text, and no time it cites lies
 * past the end of the video.
 *
 * @example writeLocalAnswer({ analyzer: 'shots', facts, prompt: 'List every cut' })
 */
export function writeLocalAnswer(input: LocalAnswerInput): string {
  const analyzer = localAnalyzer(input.analyzer);
  const category = classifyPrompt(input.prompt);
  const view = viewFacts(input.facts);
  const sections = orderSections(category, analyzer)
    .map((section) => ({ title: section.title, body: section.write(view) }))
    .filter((section) => section.body !== '')
    .map((section) => `## ${section.title}\n\n${section.body}`);
  return [
    `# Local analyzer: ${analyzer.title}`,
    view.text === null ? disclaimer : textDisclaimer,
    overview(view, category),
    ...sections,
    `## Limits of this answer\n\n${view.text !== null && category === 'captions' ? textCaptionsLimit : categoryLimits[category]}`,
  ].join('\n\n') + '\n';
}
