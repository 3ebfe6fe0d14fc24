import type { Evaluation, JobItem, JobRecord, JobStatus, MediaFacts, ModelRun, VideoRecord } from '../../domain/index.js';
import type { NewJob, ProviderFileRecord } from '../store.js';

/** Deterministic timestamps: minute n after a fixed origin. */
export function at(minute: number): string {
  return new Date(Date.UTC(2026, 0, 1, 0, 0, 0) + minute * 60_000).toISOString();
}

export function makeVideo(id: string, overrides: Partial<VideoRecord> = {}): VideoRecord {
  return {
    id,
    filename: `${id}.mp4`,
    size: 1_234_567,
    content_type: 'video/mp4',
    duration_s: 12.48,
    width: 1280,
    height: 720,
    fps: 29.97,
    has_audio: true,
    video_codec: 'h264',
    audio_codec: 'aac',
    sha256: `sha-${id}`,
    created_at: at(0),
    ...overrides,
  };
}

export function makeMediaFacts(overrides: Partial<MediaFacts> = {}): MediaFacts {
  return {
    version: 3,
    duration_s: 12.48,
    width: 1280,
    height: 720,
    fps: 29.97,
    has_audio: true,
    cuts_s: [2.5, 6.04],
    shots: [
      { start_s: 0, end_s: 2.5, brightness: 120.5 },
      { start_s: 2.5, end_s: 6.04 },
      { start_s: 6.04, end_s: 12.48, saturation: 40 },
    ],
    black_segments: [{ start_s: 0, end_s: 0.2 }],
    frozen_segments: [],
    silences: [{ start_s: 3, end_s: 4.5 }],
    fades: [],
    loud_segments: [],
    clipping_segments: [],
    loudest_moment: null,
    loudness: { integrated_lufs: -16.2, true_peak_dbtp: -1.1, loudness_range_lu: null },
    look: null,
    ...overrides,
  };
}

export function makeJob(
  id: string,
  options: { status?: JobStatus; createdMinute?: number; items?: number; videoId?: string } & Partial<JobRecord> = {},
): NewJob {
  const { status = 'pending', createdMinute = 0, items = 1, videoId = 'video-1', ...overrides } = options;
  const job: JobRecord = {
    id,
    job_type: items > 1 ? 'batch_compare' : 'single_compare',
    status,
    created_at: at(createdMinute),
    started_at: null,
    completed_at: null,
    request: {
      video_ids: [videoId],
      prompts: ['Describe every second', 'Suggest edits'],
      models: ['gemini-2.5-flash', 'local-timeline'],
      judge_model: null,
      params: { '*': { fps: 1 }, 'gemini-2.5-flash': { media_resolution: 'low' } },
      combination_concurrency: 2,
      judge_context: 'facts',
      judge_runs: 1,
    },
    error: null,
    ...overrides,
  };
  const jobItems: JobItem[] = Array.from({ length: items }, (_, index) => ({
    job_id: id,
    item_index: index,
    video_id: videoId,
    prompt: `prompt ${index}`,
  }));
  return { job, items: jobItems };
}

export function makeRun(jobId: string, itemIndex: number, modelId: string, overrides: Partial<ModelRun> = {}): ModelRun {
  return {
    job_id: jobId,
    item_index: itemIndex,
    model_id: modelId,
    status: 'succeeded',
    attempts: 1,
    response: '## 0:00-0:02\nA **cut** at 0:02.',
    error: null,
    latency_ms: 1234.5,
    prepare_ms: null,
    input_tokens: 1000,
    output_tokens: 250,
    thinking_tokens: null,
    cost_usd: 0.00123,
    served_by: null,
    finished_at: at(5),
    cached_at: null,
    ...overrides,
  };
}

export function makeEvaluation(jobId: string, itemIndex: number, overrides: Partial<Evaluation> = {}): Evaluation {
  return {
    job_id: jobId,
    item_index: itemIndex,
    judge_model: 'local-judge',
    status: 'succeeded',
    scores: [
      { model_name: 'gemini-2.5-flash', score: 8, reasoning: 'grounded', strengths: ['cuts'], weaknesses: [] },
      { model_name: 'local-timeline', score: 6, reasoning: 'terse', strengths: [], weaknesses: ['no story'] },
    ],
    overall_summary: 'A wins',
    error: null,
    details: { label_order: ['local-timeline', 'gemini-2.5-flash'], grounding: { out_of_range: 0 } },
    finished_at: at(6),
    ...overrides,
  };
}

export function makeProviderFile(provider: string, sha256: string, overrides: Partial<ProviderFileRecord> = {}): ProviderFileRecord {
  return {
    provider,
    sha256,
    name: 'files/abc123',
    uri: 'https://generativelanguage.googleapis.com/v1beta/files/abc123',
    mime_type: 'video/mp4',
    expires_at: at(60 * 48),
    created_at: at(0),
    ...overrides,
  };
}
