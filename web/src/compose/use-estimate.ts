import { useEffect, useState } from 'react';
import { api, describeError } from '../api/client.js';
import type { BatchCompareBody, CompareBody, JobRequestEstimate } from '../api/types.js';

export type EstimateState =
  | { state: 'idle' }
  | { state: 'loading'; previous?: JobRequestEstimate }
  | { state: 'ready'; estimate: JobRequestEstimate }
  | { state: 'failed'; error: string };

/** Wait after the last change of the selection before asking the server, so typing a prompt sends one request. */
export const estimateDebounceMs = 400;

/**
 * The server's estimate (POST /api/estimate) of the body the Run button would
 * send, asked again when the selection changes (debounced; a stale answer is
 * dropped). `body` null: nothing to estimate yet.
 */
export function useEstimate(body: CompareBody | BatchCompareBody | null): EstimateState {
  const key = body ? JSON.stringify(body) : null;
  const [state, setState] = useState<EstimateState>({ state: 'idle' });
  useEffect(() => {
    if (!key) {
      setState({ state: 'idle' });
      return;
    }
    setState((current) => ({ state: 'loading', previous: current.state === 'ready' ? current.estimate : current.state === 'loading' ? current.previous : undefined }));
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api
        .estimate(JSON.parse(key) as CompareBody | BatchCompareBody, controller.signal)
        .then((estimate) => setState({ state: 'ready', estimate }))
        .catch((error: unknown) => {
          if (!controller.signal.aborted) setState({ state: 'failed', error: describeError(error) });
        });
    }, estimateDebounceMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key]);
  return state;
}
