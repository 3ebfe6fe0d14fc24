/**
 * A stored, probed video. Field names are snake_case because this record is
 * also the HTTP API shape (seed-compatible), and we do not keep two copies.
 */
export interface VideoRecord {
  id: string;
  filename: string;
  size: number;
  content_type: string;
  duration_s: number;
  width: number | null;
  height: number | null;
  fps: number | null;
  has_audio: boolean;
  video_codec: string | null;
  audio_codec: string | null;
  sha256: string;
  created_at: string;
}
