import type { VideoRecord } from '../../../domain/index.js';

/** A stored video's record of the given size and length, for token arithmetic tests. */
export function videoRecord(width: number | null, height: number | null, duration_s = 60, has_audio = true): VideoRecord {
  return {
    id: 'v', filename: 'clip.mp4', size: 1, content_type: 'video/mp4', duration_s, width, height, fps: 25,
    has_audio, video_codec: 'h264', audio_codec: has_audio ? 'aac' : null, sha256: 'x', created_at: '2026-01-01T00:00:00.000Z',
  };
}
