import type { PromptCategory } from '../../domain/index.js';
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
  /**
   * The kinds of question whose own sections this analyzer writes; absent: every kind.
   * A narrow specialist (e.g. OCR) answers other questions with its specialty alone,
   * rather than repeating another analyzer's measurements as if they were its own.
   */
  answers?: readonly PromptCategory[];
}
