export { sampleFrames, createFrameSampler, DEFAULT_MAX_FRAMES, DEFAULT_MAX_WIDTH, type FrameSampler, type FrameSamplerSettings, type SampleFramesOptions } from './sample-frames.js';
export { extractFrames, extractFramesAt, splitJpegStream, FrameStreamError, type SampledFrame, type ExtractFramesInput } from './extract-frames.js';
export { runFfmpegBinary, type FfmpegRunner } from './run-ffmpeg-binary.js';
export { labelFrames, framesPreamble, type LabelledFrame } from './frame-labels.js';
export { readFrameParams, describeValue, MAX_FRAMES_LIMIT, type FrameParams } from './frame-params.js';
export { makeSampleVideoAsset } from './sample-video-asset.js';
