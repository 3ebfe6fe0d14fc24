import type { JobPhaseKind } from '../domain/index.js';
import type { VideoAsset } from '../providers/provider.js';
import type { WorkContext } from './work-context.js';

/** Announces the phases of one work unit (a model's answer, or the judge when `modelId` is null). */
export type PhaseReporter = (phase: JobPhaseKind) => void;

export function phaseReporter(ctx: WorkContext, jobId: string, itemIndex: number, modelId: string | null): PhaseReporter {
  let current: JobPhaseKind | null = null;
  return (phase) => {
    if (phase === current) return;
    current = phase;
    ctx.events.emit('phase', { job_id: jobId, item_index: itemIndex, model_id: modelId, phase, since: new Date(ctx.now()).toISOString() });
  };
}

/**
 * The same video, whose first `facts()` (ffmpeg measuring it, which can take
 * long for a large video) is announced as `measuring_video`, then `after`.
 */
export function announcingMeasurement(video: VideoAsset, report: PhaseReporter, after: JobPhaseKind): VideoAsset {
  return {
    record: video.record,
    path: video.path,
    openStream: () => video.openStream(),
    facts: async () => {
      report('measuring_video');
      try {
        return await video.facts();
      } finally {
        report(after);
      }
    },
  };
}
