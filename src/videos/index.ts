export type { BlobStore } from './blob-store.js';
export { LocalBlobStore, InvalidBlobKeyError, assertValidBlobKey } from './local-blob-store.js';
export { resolveMediaTools, type MediaTools } from './media-tools.js';
export { runTool, ToolError, type RunToolOptions, type RunToolResult } from './run-tool.js';
export { probeVideo, type ProbedVideo } from './probe-video.js';
export { MEDIA_FACTS_VERSION, measureMediaFacts } from './measure-media-facts.js';
export {
  generateSampleVideo,
  sampleVideoSpecs,
  sampleVideoTruth,
  type SampleAudioSegment,
  type SampleShotLook,
  type SampleShotSpec,
  type SampleVideoSpec,
  type SampleVideoTruth,
} from './sample-videos.js';
export { VideoLibrary, isValidVideoId, type VideoLibraryDeps, type VideoUpload } from './video-library.js';
