import type { MediaFacts } from '../domain/index.js';
import { isCancellation } from '../core/provider-error.js';
import type { VideoAsset } from '../providers/provider.js';
import type { GroundingFacts } from './grounding.js';

export interface JudgingFacts {
  /** what the grounding checks use */
  grounding: GroundingFacts;
  /** the full measurement, when it succeeded */
  measured: MediaFacts | null;
  /** why the measurement is missing; the judges record it in their details */
  error: string | null;
}

/**
 * The measured facts of a video for judging. When measuring fails the
 * judges still work from the probed duration (cuts and silences unknown)
 * and record why; a cancellation is rethrown.
 */
export async function loadJudgingFacts(video: VideoAsset, signal?: AbortSignal): Promise<JudgingFacts> {
  try {
    const measured = await video.facts(signal);
    return {
      grounding: { duration_s: measured.duration_s, cuts_s: measured.cuts_s, silences: measured.silences, loudness: measured.loudness },
      measured,
      error: null,
    };
  } catch (error) {
    if (isCancellation(error) || signal?.aborted) throw error;
    return {
      grounding: { duration_s: video.record.duration_s, cuts_s: null, silences: null, loudness: null },
      measured: null,
      error: `media facts unavailable (${(error as Error).message}); only the duration was checked`,
    };
  }
}
