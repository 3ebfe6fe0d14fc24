import { CancelledError } from './provider-error.js';

/** Throws `makeError()` (a CancelledError by default) when the signal has fired. */
export function throwIfAborted(signal: AbortSignal, makeError: () => Error = () => new CancelledError()): void {
  if (signal.aborted) throw makeError();
}

/**
 * Settles like `promise`, but rejects with `makeError()` as soon as `signal`
 * fires — for waits on work that may not follow the signal itself (a shared
 * measurement, an upload other callers still need).
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal, makeError: () => Error = () => new CancelledError()): Promise<T> {
  if (signal.aborted) {
    // nobody waits for the work any more; its later failure must not surface as an unhandled rejection
    promise.catch(() => {});
    return Promise.reject(makeError());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(makeError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
