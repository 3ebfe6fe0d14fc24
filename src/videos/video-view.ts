import { apiTimestamp } from '../domain/api-timestamp.js';
import type { VideoRecord } from '../domain/index.js';

/** A stored video as the API shows it: the record with its timestamp in the API's form. */
export function videoView(record: VideoRecord): VideoRecord {
  return { ...record, created_at: apiTimestamp(record.created_at) };
}
