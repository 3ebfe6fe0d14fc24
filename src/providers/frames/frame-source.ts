import type { CatalogueModel } from '../../domain/index.js';
import { preparedPayload, type GenerateRequest, type PrepareOptions, type PreparedVideo, type VideoAsset } from '../provider.js';
import { noFramesError } from '../sdk-call-errors.js';
import type { SampledFrame } from './extract-frames.js';
import { readFrameParams, type FrameParams } from './frame-params.js';
import type { FrameProviderSettings } from './frame-provider-settings.js';
import { DEFAULT_MAX_FRAMES, DEFAULT_MAX_WIDTH, sampleFrames, type SampleFramesOptions } from './sample-frames.js';

interface PreparedFrames {
  frames: SampledFrame[];
  maxFrames: number;
  maxWidth: number;
}

/** Where a frame-based adapter gets its frames: sampled by `prepare` ahead of the call, or inside the call. */
export interface FrameSource {
  prepare(video: VideoAsset, signal: AbortSignal, options: PrepareOptions): Promise<PreparedVideo>;
  /** the request's frames (none without a video) and its frame settings */
  framesFor(request: GenerateRequest): Promise<{ frames: SampledFrame[]; frameParams: FrameParams }>;
}

export function createFrameSource(family: CatalogueModel['provider'], settings: FrameProviderSettings): FrameSource {
  const defaults = { maxFrames: settings.maxFrames ?? DEFAULT_MAX_FRAMES, maxWidth: settings.maxWidth ?? DEFAULT_MAX_WIDTH };
  const sample = (video: VideoAsset, options: SampleFramesOptions) =>
    settings.frameSampler ? settings.frameSampler.sample(video, options) : sampleFrames(video, settings.tools, options);

  async function sampleOrFail(video: VideoAsset, frameParams: FrameParams, signal: AbortSignal): Promise<SampledFrame[]> {
    const frames = await sample(video, { maxFrames: frameParams.maxFrames, maxWidth: frameParams.maxWidth, signal });
    if (frames.length === 0) throw noFramesError(family);
    return frames;
  }

  return {
    async prepare(video, signal, options) {
      const frameParams = readFrameParams(options.params, defaults, true);
      const frames = await sampleOrFail(video, frameParams, signal);
      const payload: PreparedFrames = { frames, maxFrames: frameParams.maxFrames, maxWidth: frameParams.maxWidth };
      return { family, video, payload };
    },

    async framesFor(request) {
      const frameParams = readFrameParams(request.params, defaults, request.video !== undefined);
      if (!request.video) return { frames: [], frameParams };
      const prepared = preparedPayload<PreparedFrames>(request, family);
      const fits = prepared && prepared.maxFrames === frameParams.maxFrames && prepared.maxWidth === frameParams.maxWidth;
      return { frames: fits ? prepared.frames : await sampleOrFail(request.video, frameParams, request.signal), frameParams };
    },
  };
}
