import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { MediaTools } from '../../videos/media-tools.js';
import { cachedSampleVideo } from '../../videos/sample-video-cache.js';
import { sampleVideoSpecs, sampleVideoTruth } from '../../videos/sample-videos.js';
import type { VideoAsset } from '../provider.js';

/**
 * A built-in sample video (rendered once per machine, see cachedSampleVideo)
 * described as a stored video, for tests and demos of the frame-based
 * providers. Its facts are not measured (frame providers do not use them).
 */
export async function makeSampleVideoAsset(tools: MediaTools, specName = 'cuts-and-silence'): Promise<VideoAsset> {
  const spec = sampleVideoSpecs[specName];
  if (!spec) throw new Error(`no sample video spec "${specName}"`);
  const path = await cachedSampleVideo(specName, tools);
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  const sha256 = hash.digest('hex');
  const { size } = await stat(path);
  return {
    useFile: (use) => use(path),
    record: {
      id: sha256.slice(0, 12),
      filename: `${specName}.mp4`,
      size,
      content_type: 'video/mp4',
      duration_s: sampleVideoTruth(spec).duration_s,
      width: spec.width,
      height: spec.height,
      fps: spec.fps,
      has_audio: true,
      video_codec: 'h264',
      audio_codec: 'aac',
      sha256,
      created_at: new Date().toISOString(),
    },
    openStream: () => createReadStream(path),
    facts: () => Promise.reject(new Error('facts are not measured for this sample asset')),
  };
}
