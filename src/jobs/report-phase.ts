import type { JobPhaseKind } from '../domain/index.js';
import type { VideoAsset } from '../providers/provider.js';
import type { WorkContext } from './work-context.js';

/** Announces the phases of one work unit (a model's answer, or the judge when `modelId` is null). */
export interface PhaseReporter {
  (phase: JobPhaseKind): void;
  /** the phase announced last */
  current(): JobPhaseKind | null;
}

export function phaseReporter(ctx: WorkContext, jobId: string, itemIndex: number, modelId: string | null): PhaseReporter {
  let current: JobPhaseKind | null = null;
  const report = (phase: JobPhaseKind) => {
    if (phase === current) return;
    current = phase;
    ctx.events.emit('phase', { job_id: jobId, item_index: itemIndex, model_id: modelId, phase, since: new Date(ctx.now()).toISOString() });
  };
  return Object.assign(report, { current: () => current });
}

/**
 * The same video, whose `facts()` (ffmpeg measuring it, which can take long
 * for a large video) is announced as `measuring_video`; the phase before it
 * is announced again when the measurement ends. Reading its on-screen text
 * (OCR) is announced the same way.
 */
export function announcingMeasurement(video: VideoAsset, report: PhaseReporter): VideoAsset {
  const measuring = async <T>(measure: () => Promise<T>): Promise<T> => {
    const before = report.current();
    report('measuring_video');
    try {
      return await measure();
    } finally {
      if (before) report(before);
    }
  };
  const { onScreenText } = video;
  return {
    record: video.record,
    useFile: (use, signal) => video.useFile(use, signal),
    openStream: () => video.openStream(),
    facts: (signal?: AbortSignal) => measuring(() => video.facts(signal)),
    // reading the text (OCR) is measuring too; without it the OCR model would find no reader
    ...(onScreenText ? { onScreenText: (signal?: AbortSignal) => measuring(() => onScreenText.call(video, signal)) } : {}),
  };
}
