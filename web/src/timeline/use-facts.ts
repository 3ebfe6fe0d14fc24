import { useEffect, useState } from 'react';
import { api, describeError } from '../api/client.js';

export type FactsState = { state: 'loading' } | { state: 'ready'; facts: Record<string, unknown> } | { state: 'failed'; error: string };

const cache = new Map<string, Record<string, unknown>>();

/** The measured facts of a video, fetched once per page and video. */
export function useFacts(videoId: string): FactsState {
  const [state, setState] = useState<FactsState>(() => {
    const known = cache.get(videoId);
    return known ? { state: 'ready', facts: known } : { state: 'loading' };
  });
  useEffect(() => {
    const known = cache.get(videoId);
    if (known) {
      setState({ state: 'ready', facts: known });
      return;
    }
    setState({ state: 'loading' });
    let live = true;
    api
      .facts(videoId)
      .then((facts) => {
        cache.set(videoId, facts);
        if (live) setState({ state: 'ready', facts });
      })
      .catch((e: unknown) => live && setState({ state: 'failed', error: describeError(e) }));
    return () => {
      live = false;
    };
  }, [videoId]);
  return state;
}
