import type { ModelsCatalogue } from '../config/models-catalogue.js';
import type { JobRequest, VideoRecord } from '../domain/index.js';
import type { Store } from '../store/store.js';
import { OUTPUT_AVERAGE_SAMPLE } from './budget-gate.js';
import { estimateJob, type JobEstimate } from './budget-estimate.js';

export interface JobEstimator {
  /** what a validated request will cost, from the stored videos and recent answers */
  estimate(request: JobRequest): Promise<JobEstimate>;
}

/** Estimates job requests against the store: the videos' durations and sizes, and each model's recent output length. */
export function createJobEstimator(deps: { catalogue: ModelsCatalogue; store: Pick<Store, 'getVideo' | 'recentOutputTokens'> }): JobEstimator {
  return {
    async estimate(request) {
      const videos = new Map<string, VideoRecord>();
      for (const id of new Set(request.video_ids)) {
        const video = await deps.store.getVideo(id);
        if (video) videos.set(id, video);
      }
      const averages = await deps.store.recentOutputTokens(request.models, OUTPUT_AVERAGE_SAMPLE);
      return estimateJob(request, { catalogue: deps.catalogue, videos, averages });
    },
  };
}
