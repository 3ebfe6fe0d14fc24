import { useEffect, useState } from 'react';
import { api, describeError } from '../api/client.js';
import type { JobResult, JobStatus } from '../api/types.js';

export interface JobResultState {
  result: JobResult | null;
  error: string | null;
}

/** The opened job's results so far, fetched again when `revision` or the status changes. */
export function useJobResult(jobId: string | null, revision: number, status: JobStatus | undefined): JobResultState {
  const [state, setState] = useState<JobResultState>({ result: null, error: null });
  useEffect(() => setState({ result: null, error: null }), [jobId]);
  useEffect(() => {
    if (!jobId) return;
    let live = true;
    api
      .partialResult(jobId)
      .then((result) => live && setState({ result: result ?? null, error: null }))
      .catch((e: unknown) => live && setState((current) => ({ ...current, error: describeError(e) })));
    return () => {
      live = false;
    };
  }, [jobId, revision, status]);
  return state;
}
