import { audioAnalyzer } from './audio-analyzer.js';
import { fullAnalyzer } from './full-analyzer.js';
import { lookAnalyzer } from './look-analyzer.js';
import type { LocalAnalyzer } from './section.js';
import { shotsAnalyzer } from './shots-analyzer.js';
import { textAnalyzer } from './text-analyzer.js';

/** The analyzers a catalogue model can name as its `provider_model`. */
export const localAnalyzerIds = ['full', 'shots', 'audio', 'look', 'text'] as const;
export type LocalAnalyzerId = (typeof localAnalyzerIds)[number];

const analyzers: Record<LocalAnalyzerId, LocalAnalyzer> = {
  full: fullAnalyzer,
  shots: shotsAnalyzer,
  audio: audioAnalyzer,
  look: lookAnalyzer,
  text: textAnalyzer,
};

export function isLocalAnalyzerId(value: string): value is LocalAnalyzerId {
  return (localAnalyzerIds as readonly string[]).includes(value);
}

/** Analyzers whose answer includes the on-screen text (read by OCR). */
export const readsText: ReadonlySet<LocalAnalyzerId> = new Set<LocalAnalyzerId>(['full', 'text']);

export function localAnalyzer(id: LocalAnalyzerId): LocalAnalyzer {
  return analyzers[id];
}
