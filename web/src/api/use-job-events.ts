import { useEffect, useRef, useState } from 'react';
import { getToken, subscribeToken } from './auth-token.js';
import { mediaUrls } from './client.js';
import type { AnyJobEvent, JobEventName } from './types.js';

export type StreamState = 'connecting' | 'live' | 'reconnecting';

const eventNames: JobEventName[] = ['created', 'status', 'progress', 'model_result', 'evaluation', 'phase', 'retry', 'deleted'];
const maxRetryDelayMs = 15_000;

export interface JobEventHandlers {
  onEvent(event: AnyJobEvent): void;
  /** after every (re)connection: events may have been missed, so state should be reloaded */
  onConnected(): void;
}

/**
 * Subscribes to `GET /api/events` (every job's events) for the page's life.
 * EventSource retries by itself after a dropped connection; when the server
 * refuses the stream (it closes for good), this reconnects with a growing delay.
 */
export function useJobEvents(handlers: JobEventHandlers): StreamState {
  const [state, setState] = useState<StreamState>('connecting');
  const [token, setTokenState] = useState(getToken());
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;

  useEffect(() => subscribeToken(() => setTokenState(getToken())), []);

  useEffect(() => {
    let source: EventSource | null = null;
    let retryTimer: number | undefined;
    let failures = 0;
    let stopped = false;

    const connect = () => {
      source = new EventSource(mediaUrls.events());
      source.addEventListener('ready', () => {
        failures = 0;
        setState('live');
        handlersRef.current.onConnected();
      });
      for (const name of eventNames) {
        source.addEventListener(name, (message) => {
          let data: unknown;
          try {
            data = JSON.parse((message as MessageEvent<string>).data);
          } catch {
            console.warn(`vidcompare: unreadable ${name} event`, (message as MessageEvent<string>).data);
            return;
          }
          handlersRef.current.onEvent({ type: name, data } as AnyJobEvent);
        });
      }
      source.addEventListener('error', () => {
        if (stopped || !source) return;
        setState('reconnecting');
        if (source.readyState !== EventSource.CLOSED) return;
        source.close();
        failures += 1;
        const delay = Math.min(maxRetryDelayMs, 1000 * 2 ** Math.min(failures, 4));
        retryTimer = window.setTimeout(connect, delay);
      });
    };
    connect();
    return () => {
      stopped = true;
      window.clearTimeout(retryTimer);
      source?.close();
    };
  }, [token]);

  return state;
}
