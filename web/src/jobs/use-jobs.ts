import { useCallback, useEffect, useRef, useState } from 'react';
import { api, describeError } from '../api/client.js';
import { finishedStatuses, type AnyJobEvent, type JobView } from '../api/types.js';
import { useJobEvents, type StreamState } from '../api/use-job-events.js';
import { unitKey, type UnitPhases } from './job-phases.js';
import { NewestResponses, upsertJob } from './job-views.js';

export interface JobsState {
  jobs: JobView[];
  loaded: boolean;
  error: string | null;
  /** per job: why it is waiting right now (a provider pushed back and a call will be retried) */
  notices: Record<string, string>;
  /** per job: what each unfinished work unit is doing (from `phase` events) */
  phases: Record<string, UnitPhases>;
  stream: StreamState;
  cancel(id: string): Promise<void>;
  remove(id: string): Promise<void>;
  /** adds a job just created by this page (before its `created` event arrives) */
  track(id: string): void;
}

const listLimit = 100;

/** "gemini-2.5-pro was asked to wait (429 …); retrying in 2 s, attempt 2" */
export function retryNotice(retry: { model_id: string; attempt: number; delay_ms: number; error: string }): string {
  const seconds = Math.max(1, Math.round(retry.delay_ms / 1000));
  const reason = retry.error.length > 80 ? `${retry.error.slice(0, 79)}…` : retry.error;
  return `Slowing down, not failing: ${retry.model_id} was refused (${reason}); retrying in ${seconds} s, attempt ${retry.attempt + 1}`;
}

function without<T>(byJob: Record<string, T>, jobId: string): Record<string, T> {
  if (!(jobId in byJob)) return byJob;
  const { [jobId]: _cleared, ...rest } = byJob;
  return rest;
}

function withoutUnit(phases: Record<string, UnitPhases>, jobId: string, key: string): Record<string, UnitPhases> {
  const units = phases[jobId];
  if (!units || !(key in units)) return phases;
  const { [key]: _done, ...rest } = units;
  return { ...phases, [jobId]: rest };
}

/**
 * Every job, rebuilt from `GET /api/jobs` on load and after each reconnection,
 * and kept live by the server's event stream in between.
 * `onEvent` also receives every event (the results view follows its job).
 */
export function useJobs(onEvent?: (event: AnyJobEvent) => void): JobsState {
  const [jobs, setJobs] = useState<JobView[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notices, setNotices] = useState<Record<string, string>>({});
  const [phases, setPhases] = useState<Record<string, UnitPhases>>({});
  const onEventRef = useRef(onEvent);
  onEventRef.current = onEvent;
  const jobsRef = useRef(jobs);
  jobsRef.current = jobs;

  const reload = useCallback(async () => {
    try {
      setJobs(await api.listJobs(listLimit));
      setError(null);
    } catch (e) {
      setError(`Could not load the jobs: ${describeError(e)}`);
    } finally {
      setLoaded(true);
    }
  }, []);

  const responses = useRef(new NewestResponses());

  const fetchOne = useCallback(async (id: string) => {
    const isNewest = responses.current.begin(id);
    try {
      const job = await api.job(id);
      if (!isNewest()) return;
      setJobs((current) => upsertJob(current, { ...job, result: null }));
    } catch (e) {
      // deleted meanwhile: the `deleted` event (or the next reload) settles it
      console.warn(`vidcompare: job ${id} could not be loaded: ${describeError(e)}`);
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  const stream = useJobEvents({
    onConnected: () => void reload(),
    onEvent: (event) => {
      switch (event.type) {
        case 'created':
          void fetchOne(event.data.job_id);
          break;
        case 'progress':
        case 'status': {
          const snapshot = event.data;
          const known = jobsRef.current.some((j) => j.job_id === snapshot.job_id);
          setJobs((current) => current.map((j) => (j.job_id === snapshot.job_id ? { ...j, ...snapshot } : j)));
          // a finished job gains completed_at and maybe an error: take the server's full view
          if (!known || (event.type === 'status' && finishedStatuses.includes(snapshot.status))) void fetchOne(snapshot.job_id);
          break;
        }
        case 'deleted':
          responses.current.forget(event.data.job_id);
          setJobs((current) => current.filter((j) => j.job_id !== event.data.job_id));
          break;
        case 'phase': {
          const phase = event.data;
          setPhases((current) => ({ ...current, [phase.job_id]: { ...current[phase.job_id], [unitKey(phase.item_index, phase.model_id)]: phase } }));
          break;
        }
        default:
          break;
      }
      // a retry explains a pause; the job's next finished unit or status change ends it
      if (event.type === 'retry') {
        const retry = event.data;
        setNotices((current) => ({ ...current, [retry.job_id]: retryNotice(retry) }));
      } else if (event.type === 'model_result' || event.type === 'evaluation' || event.type === 'status' || event.type === 'deleted') {
        const jobId = event.data.job_id;
        setNotices((current) => without(current, jobId));
      }
      // a finished unit is no longer waiting on anything; a finished job has no phases
      if (event.type === 'model_result') {
        const { job_id, item_index, model_id } = event.data;
        setPhases((current) => withoutUnit(current, job_id, unitKey(item_index, model_id)));
      } else if (event.type === 'evaluation') {
        const { job_id, item_index } = event.data;
        setPhases((current) => withoutUnit(current, job_id, unitKey(item_index, null)));
      } else if (event.type === 'deleted' || (event.type === 'status' && finishedStatuses.includes(event.data.status))) {
        const jobId = event.data.job_id;
        setPhases((current) => without(current, jobId));
      }
      onEventRef.current?.(event);
    },
  });

  const cancel = useCallback(
    async (id: string) => {
      try {
        await api.cancelJob(id);
        setError(null);
      } catch (e) {
        setError(`Could not cancel the job: ${describeError(e)}`);
      }
      await fetchOne(id);
    },
    [fetchOne],
  );

  const remove = useCallback(async (id: string) => {
    try {
      await api.deleteJob(id);
      setJobs((current) => current.filter((j) => j.job_id !== id));
      setError(null);
    } catch (e) {
      setError(`Could not delete the job: ${describeError(e)}`);
    }
  }, []);

  const track = useCallback((id: string) => void fetchOne(id), [fetchOne]);

  return { jobs, loaded, error, notices, phases, stream, cancel, remove, track };
}
