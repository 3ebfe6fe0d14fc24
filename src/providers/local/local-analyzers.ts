import { audioAnalyzer } from './audio-analyzer.js';
import { fullAnalyzer } from './full-analyzer.js';
import { lookAnalyzer } from './look-analyzer.js';
import type { LocalAnalyzer } from './section.js';
import { shotsAnalyzer } from './shots-analyzer.js';

/** The analyzers a catalogue model can name as its `provider_model`. */
export const localAnalyzerIds = ['full', 'shots', 'audio', 'look'] as const;
export type LocalAnalyzerId = (typeof localAnalyzerIds)[number];

const analyzers: Record<LocalAnalyzerId, LocalAnalyzer> = {
  full: fullAnalyzer,
  shots: shotsAnalyzer,
  audio: audioAnalyzer,
  look: lookAnalyzer,
};

export function isLocalAnalyzerId(value: string): value is LocalAnalyzerId {
  return (localAnalyzerIds as readonly string[]).includes(value);
}

export function localAnalyzer(id: LocalAnalyzerId): LocalAnalyzer {
  return analyzers[id];
}
