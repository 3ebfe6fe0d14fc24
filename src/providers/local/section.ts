import type { FactsView } from './facts-view.js';

/** One part of an answer: a heading and a body written from the facts. */
export interface Section {
  /** stable id, used to avoid writing the same section twice */
  id: string;
  title: string;
  write(view: FactsView): string;
}

/** What a local analyzer specialises in; it adds these after the prompt's own sections. */
export interface LocalAnalyzer {
  id: string;
  title: string;
  /** sections written before the prompt's own (what this analyzer is for, whatever the question) */
  lead?: readonly Section[];
  specialty: readonly Section[];
}
