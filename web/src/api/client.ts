import { authHeaders, getToken, markTokenRequired, withToken } from './auth-token.js';
import type {
  BatchCompareBody,
  CompareBody,
  JobCreated,
  JobRequestEstimate,
  JobResult,
  JobView,
  ModelsResponse,
  PromptTemplate,
  VideoRecord,
} from './types.js';

/** An HTTP error from the API, carrying the server's `detail` in words. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly code?: string,
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

/** Turns an error body (`{detail, code}`) or anything else into an ApiError. */
export function toApiError(status: number, bodyText: string): ApiError {
  try {
    const body = JSON.parse(bodyText) as { detail?: unknown; code?: unknown; message?: unknown };
    const detail = typeof body.detail === 'string' ? body.detail : typeof body.message === 'string' ? body.message : `HTTP ${status}`;
    return new ApiError(status, detail, typeof body.code === 'string' ? body.code : undefined);
  } catch {
    return new ApiError(status, bodyText.trim() || `HTTP ${status}`);
  }
}

/** A readable sentence for any error the UI shows. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  if (error instanceof TypeError) return 'The server cannot be reached. Is vidcompare still running?';
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * One JSON call to the API with the access token; a 401 for the token in use asks for a token.
 * @throws ApiError with the server's `detail` when it refuses
 */
export async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const sentWith = getToken();
  const headers: Record<string, string> = { accept: 'application/json', ...authHeaders() };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  const text = await response.text();
  if (!response.ok) {
    if (response.status === 401) markTokenRequired(sentWith);
    throw toApiError(response.status, text);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  listVideos: () => request<{ videos: VideoRecord[] }>('GET', '/api/videos').then((r) => r.videos),
  addSampleVideos: () => request<{ videos: VideoRecord[] }>('POST', '/api/videos/samples').then((r) => r.videos),
  deleteVideo: (id: string) => request<{ deleted: boolean }>('DELETE', `/api/video/${encodeURIComponent(id)}`),
  /** what ffmpeg measured in the video (cuts, silences, …); the first call on a large video can take a while */
  facts: (id: string) => request<Record<string, unknown>>('GET', `/api/video/${encodeURIComponent(id)}/facts`),
  models: () => request<ModelsResponse>('GET', '/api/models'),
  prompts: () => request<{ prompts: PromptTemplate[] }>('GET', '/api/prompts').then((r) => r.prompts),
  compare: (body: CompareBody) => request<JobCreated>('POST', '/api/compare-async', body),
  batchCompare: (body: BatchCompareBody) => request<JobCreated>('POST', '/api/batch-compare-async', body),
  estimate: (body: CompareBody | BatchCompareBody, signal?: AbortSignal) => request<JobRequestEstimate>('POST', '/api/estimate', body, signal),
  listJobs: (limit = 50) => request<JobView[]>('GET', `/api/jobs?limit=${limit}`),
  job: (id: string) => request<JobView>('GET', `/api/jobs/${encodeURIComponent(id)}`),
  partialResult: (id: string) => request<JobResult>('GET', `/api/jobs/${encodeURIComponent(id)}/result?partial=true`),
  cancelJob: (id: string) => request<{ status: string }>('POST', `/api/jobs/${encodeURIComponent(id)}/cancel`),
  /** starts a job judging a finished job's answers again (no model call) */
  rejudge: (id: string, body: { judge_model: string }) => request<JobCreated & { rejudge_of: string }>('POST', `/api/jobs/${encodeURIComponent(id)}/rejudge`, body),
  deleteJob: (id: string) => request<{ deleted: boolean }>('DELETE', `/api/jobs/${encodeURIComponent(id)}`),
  workers: () => request<{ id: string; active_units: number }[]>('GET', '/api/workers'),
};

/** URLs the browser loads by itself (so they carry the token as a query parameter). */
export const mediaUrls = {
  video: (id: string) => withToken(`/api/video/${encodeURIComponent(id)}`),
  thumbnail: (id: string) => withToken(`/api/video/${encodeURIComponent(id)}/thumbnail`),
  export: (jobId: string, format: 'csv' | 'json' | 'html') => withToken(`/api/jobs/${encodeURIComponent(jobId)}/export?format=${format}`),
  events: () => withToken('/api/events'),
};
