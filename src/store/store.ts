import type {
  ArenaAnswerRef,
  ArenaPair,
  ArenaWinner,
  Evaluation,
  JobItem,
  JobRecord,
  JobStatus,
  MediaFacts,
  ModelRun,
  VideoRecord,
} from '../domain/index.js';

export interface NewJob {
  job: JobRecord;
  items: JobItem[];
  /** answers stored with the job in the same transaction (a re-judging job's copies of its source's answers) */
  runs?: ModelRun[];
}

export interface JobListQuery {
  limit: number;
  offset?: number;
  status?: JobStatus;
}

export interface JobPatch {
  status?: JobStatus;
  started_at?: string | null;
  completed_at?: string | null;
  error?: string | null;
}

/** Finished work per combination, for deriving progress without loading answers. */
export interface ItemProgressCounts {
  item_index: number;
  models_finished: number;
  evaluation_finished: boolean;
}

/** A file uploaded to a provider, reused until shortly before it expires. */
export interface ProviderFileRecord {
  provider: string;
  /** the video's sha256: the same bytes are the same provider file */
  sha256: string;
  name: string;
  uri: string;
  mime_type: string;
  expires_at: string | null;
  created_at: string;
}

/** A successful answer kept for reuse by later jobs asking exactly the same thing (see jobs/response-cache.ts). */
export interface CachedAnswer {
  /** hash of video bytes, provider model, prompt, params and adapter version */
  cache_key: string;
  video_sha256: string;
  /** the provider model that was called (after routing a retired id) */
  provider_model: string;
  response: string;
  latency_ms: number | null;
  prepare_ms: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  thinking_tokens: number | null;
  cost_usd: number | null;
  served_by: string | null;
  /** when the answer was made */
  created_at: string;
}

export interface ArenaPairQuery {
  /** true: voted pairs only; false: pairs still waiting for a vote */
  voted?: boolean;
  job_id?: string;
  limit?: number;
}

export type ArenaVoteOutcome = 'recorded' | 'already_voted' | 'not_found';

/** A stored evaluation with the video and prompt it judged. */
export interface JudgedItem {
  video_id: string;
  prompt: string;
  evaluation: Evaluation;
}

/**
 * Everything the application persists. Async so that a networked database can
 * implement it later. Every write is durable when the promise resolves.
 */
export interface Store {
  // videos
  insertVideo(video: VideoRecord): Promise<void>;
  getVideo(id: string): Promise<VideoRecord | undefined>;
  /** newest first */
  listVideos(): Promise<VideoRecord[]>;
  /** deletes the video, its media facts and, unless another video holds the same bytes, its cached answers */
  deleteVideo(id: string): Promise<boolean>;
  getMediaFacts(videoId: string): Promise<MediaFacts | undefined>;
  saveMediaFacts(videoId: string, facts: MediaFacts): Promise<void>;

  // jobs
  /** inserts the job, its items and any given runs in one transaction */
  createJob(newJob: NewJob): Promise<void>;
  getJob(id: string): Promise<JobRecord | undefined>;
  /** newest first */
  listJobs(query: JobListQuery): Promise<JobRecord[]>;
  updateJob(id: string, patch: JobPatch): Promise<void>;
  /** deletes the job with its items, answers and evaluations */
  deleteJob(id: string): Promise<boolean>;
  /** deletes finished jobs completed before the cutoff; returns how many */
  deleteFinishedJobsBefore(cutoffIso: string): Promise<number>;
  /** pending and running jobs, oldest first (resumed at start-up) */
  listUnfinishedJobs(): Promise<JobRecord[]>;
  /** ids of jobs that use this video and are not finished */
  countUnfinishedJobsUsingVideo(videoId: string): Promise<number>;

  // work units
  /** the job's combinations, or just the one at `itemIndex` */
  getJobItems(jobId: string, itemIndex?: number): Promise<JobItem[]>;
  /** the job's answers so far, or just those of the combination at `itemIndex` */
  getModelRuns(jobId: string, itemIndex?: number): Promise<ModelRun[]>;
  /** insert or replace the run identified by (job_id, item_index, model_id) */
  saveModelRun(run: ModelRun): Promise<void>;
  getEvaluations(jobId: string): Promise<Evaluation[]>;
  /** insert or replace the evaluation identified by (job_id, item_index) */
  saveEvaluation(evaluation: Evaluation): Promise<void>;
  /** per job: finished model runs and evaluations per item (items with nothing finished may be absent) */
  progressCounts(jobIds: string[]): Promise<Map<string, ItemProgressCounts[]>>;

  // provider files
  getProviderFile(provider: string, sha256: string): Promise<ProviderFileRecord | undefined>;
  saveProviderFile(file: ProviderFileRecord): Promise<void>;
  deleteProviderFile(provider: string, sha256: string): Promise<void>;

  // response cache
  getCachedAnswer(cacheKey: string): Promise<CachedAnswer | undefined>;
  /** insert or replace the entry of `cache_key` */
  saveCachedAnswer(answer: CachedAnswer): Promise<void>;
  /** how many answers are cached about these video bytes */
  countCachedAnswers(videoSha256: string): Promise<number>;

  // arena
  /** succeeded, non-empty answers (without their text), optionally of one job or video */
  listArenaAnswers(filter: { job_id?: string; video_id?: string }): Promise<ArenaAnswerRef[]>;
  getArenaPair(id: string): Promise<ArenaPair | undefined>;
  /** stores the pair, or returns the one already stored for the same two answers */
  insertOrGetArenaPair(pair: ArenaPair): Promise<ArenaPair>;
  /** records a vote once: `already_voted` when the pair has one, `not_found` when there is no such pair */
  recordArenaVote(id: string, winner: ArenaWinner, votedAt: string): Promise<ArenaVoteOutcome>;
  /** newest vote first */
  listArenaPairs(query: ArenaPairQuery): Promise<ArenaPair[]>;
  /** every stored evaluation with its video and prompt, optionally of one job */
  listJudgedItems(filter: { job_id?: string }): Promise<JudgedItem[]>;

  close(): Promise<void>;
}

/** The part of the store a provider adapter needs to reuse its uploads. */
export type ProviderFileStore = Pick<Store, 'getProviderFile' | 'saveProviderFile' | 'deleteProviderFile'>;
