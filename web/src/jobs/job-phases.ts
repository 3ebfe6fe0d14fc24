import type { JobEventMap } from '../api/types.js';

type PhaseEvent = JobEventMap['phase'];
export type UnitPhases = Record<string, PhaseEvent>;

/** the key of a work unit: one model on one combination, or its judge */
export function unitKey(itemIndex: number, modelId: string | null): string {
  return `${itemIndex}:${modelId ?? 'judge'}`;
}

export interface PhaseSummary {
  text: string;
  /** when the oldest unit in this phase began (ISO) */
  since: string;
  /** a wait that is not a model answering */
  waiting: boolean;
}

function oldest(events: PhaseEvent[]): string {
  return events.map((e) => e.since).sort()[0]!;
}

function names(events: PhaseEvent[]): string {
  const ids = [...new Set(events.map((e) => e.model_id ?? 'the judge'))];
  return ids.length <= 2 ? ids.join(' and ') : `${ids.slice(0, 2).join(', ')} and ${ids.length - 2} more`;
}

/**
 * What a running job is doing, in one line: a wait that is not a model call
 * (measuring the video, uploading it, queued at a rate limit) comes first.
 */
export function summarizePhases(units: UnitPhases | undefined): PhaseSummary | null {
  const events = Object.values(units ?? {});
  if (events.length === 0) return null;
  const of = (phase: PhaseEvent['phase']) => events.filter((e) => e.phase === phase);
  const measuring = of('measuring_video');
  if (measuring.length) return { text: 'Measuring the video (cuts, silences, loudness), once per video', since: oldest(measuring), waiting: true };
  const preparing = of('preparing_video');
  if (preparing.length) {
    return { text: `Preparing the video for ${names(preparing)} (uploading it to the provider, or sampling frames)`, since: oldest(preparing), waiting: true };
  }
  const limited = of('rate_limited');
  if (limited.length) return { text: `Waiting for the rate limit: ${names(limited)} was asked to slow down`, since: oldest(limited), waiting: true };
  const calling = of('calling_model');
  const batched = of('queued_at_provider_batch');
  if (batched.length && !calling.length) {
    return { text: `Queued at Gemini (batch): ${names(batched)}; batch answers can take minutes to hours`, since: oldest(batched), waiting: true };
  }
  const queued = of('queued');
  if (queued.length && !calling.length) return { text: `Queued: ${names(queued)} waiting for a free slot at the rate limit`, since: oldest(queued), waiting: true };
  if (calling.length) {
    const also = queued.length ? `; ${queued.length} queued at the rate limit` : '';
    return { text: `${calling.length} model${calling.length === 1 ? '' : 's'} answering: ${names(calling)}${also}`, since: oldest(calling), waiting: false };
  }
  const judging = of('judging');
  if (judging.length) return { text: 'The judge is reading the answers', since: oldest(judging), waiting: false };
  return null;
}

/** "12 s", "3 min 5 s" */
export function formatElapsed(sinceIso: string, nowMs: number): string {
  const seconds = Math.max(0, Math.round((nowMs - Date.parse(sinceIso)) / 1000));
  if (!Number.isFinite(seconds)) return '';
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min ${seconds % 60} s` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
