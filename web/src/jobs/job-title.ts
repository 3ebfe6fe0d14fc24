import type { JobView, VideoRecord } from '../api/types.js';
import { truncate } from '../components/format.js';

/** A short human title for a job: its prompt and video, or its batch size. */
export function jobTitle(job: JobView, videos: Map<string, VideoRecord>): string {
  const data = job.request_data;
  if (job.job_type === 'single_compare') {
    const video = typeof data.video_id === 'string' ? (videos.get(data.video_id)?.filename ?? 'a deleted video') : 'a video';
    const prompt = typeof data.prompt === 'string' ? truncate(data.prompt, 60) : 'a prompt';
    return `${video}: “${prompt}”`;
  }
  const videoCount = Array.isArray(data.video_ids) ? data.video_ids.length : 0;
  const promptCount = Array.isArray(data.prompts) ? data.prompts.length : 0;
  return `Batch: ${videoCount} video${videoCount === 1 ? '' : 's'} × ${promptCount} prompt${promptCount === 1 ? '' : 's'}`;
}

export function jobModels(job: JobView): string[] {
  const models = job.request_data.models;
  return Array.isArray(models) ? models.filter((m): m is string => typeof m === 'string') : [];
}
