import type { MediaFacts, PromptCategory } from '../domain/index.js';
import { isCancellation } from '../core/provider-error.js';
import type { VideoAsset } from '../providers/provider.js';
import type { GroundingFacts } from './grounding.js';

export interface JudgingFacts {
  /** what the grounding checks use */
  grounding: GroundingFacts;
  /** the full measurement, when it succeeded (with the on-screen text when it was read) */
  measured: MediaFacts | null;
  /** why the measurement is missing; the judges record it in their details */
  error: string | null;
  /** why the on-screen text asked for could not be read (the rest of the facts stand) */
  text_error: string | null;
}

const textQuestion = /\b(?:text|titles?|title cards?|captions?|subtitles?|signs?|lower[- ]thirds?|lettering|on[- ]screen|written|reads?)\b/i;

/** Whether judging a prompt's answers needs the on-screen text: caption questions and questions about text. */
export function asksAboutText(prompt: string, category: PromptCategory): boolean {
  return category === 'captions' || textQuestion.test(prompt);
}

/**
 * The measured facts of a video for judging. When measuring fails the
 * judges still work from the probed duration (cuts and silences unknown)
 * and record why; a cancellation is rethrown. With `text`, the on-screen
 * text is read too (OCR through the video's shared, cached and cancellable
 * reading; free once read); text already read is used either way.
 */
export async function loadJudgingFacts(video: VideoAsset, signal?: AbortSignal, options: { text?: boolean } = {}): Promise<JudgingFacts> {
  let measured: MediaFacts;
  try {
    measured = await video.facts(signal);
  } catch (error) {
    if (isCancellation(error) || signal?.aborted) throw error;
    return {
      grounding: { duration_s: video.record.duration_s, cuts_s: null, silences: null, loudness: null },
      measured: null,
      error: `media facts unavailable (${(error as Error).message}); only the duration was checked`,
      text_error: null,
    };
  }
  let textError: string | null = null;
  if (options.text && video.onScreenText) {
    try {
      measured = { ...measured, on_screen_text: await video.onScreenText(signal) };
    } catch (error) {
      if (isCancellation(error) || signal?.aborted) throw error;
      textError = `on-screen text unavailable (${(error as Error).message}); quoted text was not checked`;
    }
  }
  return {
    grounding: { duration_s: measured.duration_s, cuts_s: measured.cuts_s, silences: measured.silences, loudness: measured.loudness },
    measured,
    error: null,
    text_error: textError,
  };
}
