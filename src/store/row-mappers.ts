import type { Insertable, Selectable } from 'kysely';
import {
  jobStatuses,
  type Evaluation,
  type JobRecord,
  type JobRequest,
  type JobType,
  type MediaFacts,
  type ModelRun,
  type ModelRunStatus,
  type ModelScore,
  type VideoRecord,
} from '../domain/index.js';
import type {
  EvaluationsTable,
  JobsTable,
  ModelRunsTable,
  ProviderFilesTable,
  VideosTable,
} from './database-schema.js';
import type { ProviderFileRecord } from './store.js';
import { StoreError } from './store-error.js';

const jobTypes: readonly JobType[] = ['single_compare', 'batch_compare'];
const modelRunStatuses: readonly ModelRunStatus[] = ['pending', 'running', 'succeeded', 'failed'];
const evaluationStatuses: readonly Evaluation['status'][] = ['succeeded', 'failed'];

function oneOf<T extends string>(value: string, allowed: readonly T[], where: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new StoreError('corrupt_row', `${where}: unexpected value "${value}"`);
}

function parseJson<T>(text: string, where: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new StoreError('corrupt_row', `${where}: stored JSON does not parse`, { cause: error });
  }
}

// Columns in the order and shape of the domain records, so selects never leak `seq`.
export const videoColumns = [
  'id', 'filename', 'size', 'content_type', 'duration_s', 'width', 'height', 'fps',
  'has_audio', 'video_codec', 'audio_codec', 'sha256', 'created_at',
] as const;

export const jobColumns = [
  'id', 'job_type', 'status', 'created_at', 'started_at', 'completed_at', 'request_json', 'error',
] as const;

export const modelRunColumns = [
  'job_id', 'item_index', 'model_id', 'status', 'attempts', 'response', 'error', 'latency_ms',
  'input_tokens', 'output_tokens', 'thinking_tokens', 'cost_usd', 'served_by', 'finished_at', 'prepare_ms', 'cached_at',
] as const;

type VideoRow = Pick<Selectable<VideosTable>, (typeof videoColumns)[number]>;
type JobRow = Pick<Selectable<JobsTable>, (typeof jobColumns)[number]>;

export function videoToRow(video: VideoRecord): Insertable<VideosTable> {
  return {
    id: video.id,
    filename: video.filename,
    size: video.size,
    content_type: video.content_type,
    duration_s: video.duration_s,
    width: video.width,
    height: video.height,
    fps: video.fps,
    has_audio: video.has_audio ? 1 : 0,
    video_codec: video.video_codec,
    audio_codec: video.audio_codec,
    sha256: video.sha256,
    created_at: video.created_at,
  };
}

export function rowToVideo(row: VideoRow): VideoRecord {
  return { ...row, has_audio: row.has_audio === 1 };
}

export function rowToMediaFacts(factsJson: string, videoId: string): MediaFacts {
  return parseJson<MediaFacts>(factsJson, `media_facts of video ${videoId}`);
}

export function jobToRow(job: JobRecord): Insertable<JobsTable> {
  return {
    id: job.id,
    job_type: job.job_type,
    status: job.status,
    created_at: job.created_at,
    started_at: job.started_at,
    completed_at: job.completed_at,
    request_json: JSON.stringify(job.request),
    error: job.error,
  };
}

export function rowToJob(row: JobRow): JobRecord {
  const where = `job ${row.id}`;
  return {
    id: row.id,
    job_type: oneOf(row.job_type, jobTypes, `${where} job_type`),
    status: oneOf(row.status, jobStatuses, `${where} status`),
    created_at: row.created_at,
    started_at: row.started_at,
    completed_at: row.completed_at,
    request: parseJson<JobRequest>(row.request_json, `${where} request`),
    error: row.error,
  };
}

export function modelRunToRow(run: ModelRun): Insertable<ModelRunsTable> {
  return {
    job_id: run.job_id,
    item_index: run.item_index,
    model_id: run.model_id,
    status: run.status,
    attempts: run.attempts,
    response: run.response,
    error: run.error,
    latency_ms: run.latency_ms,
    prepare_ms: run.prepare_ms ?? null,
    input_tokens: run.input_tokens,
    output_tokens: run.output_tokens,
    thinking_tokens: run.thinking_tokens,
    cost_usd: run.cost_usd,
    served_by: run.served_by,
    finished_at: run.finished_at,
    cached_at: run.cached_at ?? null,
  };
}

export function rowToModelRun(row: Selectable<ModelRunsTable>): ModelRun {
  const where = `model run ${row.job_id}/${row.item_index}/${row.model_id}`;
  return { ...row, status: oneOf(row.status, modelRunStatuses, `${where} status`) };
}

export function evaluationToRow(evaluation: Evaluation): Insertable<EvaluationsTable> {
  return {
    job_id: evaluation.job_id,
    item_index: evaluation.item_index,
    judge_model: evaluation.judge_model,
    status: evaluation.status,
    scores_json: JSON.stringify(evaluation.scores),
    overall_summary: evaluation.overall_summary,
    error: evaluation.error,
    details_json: JSON.stringify(evaluation.details),
    finished_at: evaluation.finished_at,
  };
}

export function rowToEvaluation(row: Selectable<EvaluationsTable>): Evaluation {
  const where = `evaluation ${row.job_id}/${row.item_index}`;
  return {
    job_id: row.job_id,
    item_index: row.item_index,
    judge_model: row.judge_model,
    status: oneOf(row.status, evaluationStatuses, `${where} status`),
    scores: parseJson<ModelScore[]>(row.scores_json, `${where} scores`),
    overall_summary: row.overall_summary,
    error: row.error,
    details: parseJson<Record<string, unknown>>(row.details_json, `${where} details`),
    finished_at: row.finished_at,
  };
}

export function providerFileToRow(file: ProviderFileRecord): Insertable<ProviderFilesTable> {
  return {
    provider: file.provider,
    sha256: file.sha256,
    name: file.name,
    uri: file.uri,
    mime_type: file.mime_type,
    expires_at: file.expires_at,
    created_at: file.created_at,
  };
}

export function rowToProviderFile(row: Selectable<ProviderFilesTable>): ProviderFileRecord {
  return { ...row };
}
