import type { TextSpan } from '../../domain/index.js';
import type { FactsView } from './facts-view.js';
import { capRows, plural } from './markdown.js';
import type { LocalAnalyzer, Section } from './section.js';

const maxListedSpans = 80;

/** `[00:04.0–00:06.0] "SUMMER SALE" (confidence 96 %)` */
export function textSpanLine(view: FactsView, span: TextSpan): string {
  return `[${view.clock.span(span.start_s, span.end_s)}] "${span.text.replace(/"/g, "'")}" (confidence ${span.confidence} %)`;
}

/** The spans that overlap a stretch of the video. */
export function textWithin(view: FactsView, from_s: number, to_s: number): TextSpan[] {
  return (view.text ?? []).filter((span) => span.start_s < to_s && span.end_s > from_s);
}

export const onScreenTextSection: Section = {
  id: 'on-screen-text',
  title: 'On-screen text',
  write(view) {
    // not read (no OCR for this analyzer or video): the section is left out
    if (view.text === null) return '';
    const sampled = view.text_frames;
    const how = `Read by OCR (Tesseract, offline) from ${plural(sampled, 'sampled frame')} (about one a second, at least one per shot); the same text in consecutive frames is one span, and short, unsure or textured readings are left out.`;
    if (view.text.length === 0) return `${how}\n\nNo legible text was found on screen.`;
    const listed = capRows(view.text, maxListedSpans);
    const lines = listed.shown.map((span) => `- ${textSpanLine(view, span)}`);
    return `${how}\n\n${lines.join('\n')}${listed.note}`;
  },
};

export const textAnalyzer: LocalAnalyzer = {
  id: 'text',
  title: 'on-screen text',
  lead: [onScreenTextSection],
  specialty: [onScreenTextSection],
  answers: ['captions', 'analysis', 'general'],
};
