import type { Logger } from '../logging/logger.js';
import { CancelledError } from '../core/provider-error.js';
import type { Clock } from '../core/clock.js';
import { AttemptTimeoutError } from './scheduler-errors.js';

export interface AttemptOptions {
  clock: Clock;
  logger: Logger;
  /** aborts the attempt when the whole call is cancelled */
  callSignal: AbortSignal;
  timeoutMs?: number;
  /** awaited by `fn` right before its request goes out (see AttemptHooks) */
  beforeRequest?: (signal: AbortSignal) => Promise<void>;
}

/** What an attempt may call besides its signal. */
export interface AttemptHooks {
  /**
   * Await right before the provider request goes out, after any preparation
   * (upload, frame sampling): the scheduler paces requests there. Calling it
   * is optional; it resolves at once for limiters with nothing to pace.
   */
  beforeRequest(): Promise<void>;
}

/**
 * Runs one attempt of `fn` with its own signal, aborted on cancellation
 * (CancelledError) or after `timeoutMs` (AttemptTimeoutError). It settles as
 * soon as the signal aborts, without waiting for `fn` to notice, so the
 * caller can free the call's places at once; whatever `fn` does afterwards
 * is logged and otherwise ignored.
 */
export async function runAttempt<T>(
  fn: (signal: AbortSignal, attempt: number, hooks: AttemptHooks) => Promise<T>,
  attempt: number,
  options: AttemptOptions,
): Promise<T> {
  const { clock, logger, callSignal, timeoutMs } = options;
  if (callSignal.aborted) throw new CancelledError();

  const controller = new AbortController();
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
  });
  // Nobody may be listening any more when a late abort rejects this promise.
  aborted.catch(() => undefined);

  const onCallAbort = () => controller.abort(new CancelledError());
  callSignal.addEventListener('abort', onCallAbort, { once: true });
  const timer = new AbortController();
  if (timeoutMs !== undefined && timeoutMs > 0) {
    clock.sleep(timeoutMs, timer.signal).then(
      () => controller.abort(new AttemptTimeoutError(timeoutMs)),
      // Rejected only because the attempt finished first and cancelled its timer.
      () => undefined,
    );
  }

  let work: Promise<T>;
  try {
    const hooks: AttemptHooks = { beforeRequest: () => options.beforeRequest?.(controller.signal) ?? Promise.resolve() };
    work = Promise.resolve(fn(controller.signal, attempt, hooks));
  } catch (error) {
    work = Promise.reject(error);
  }
  work.catch((error: unknown) => {
    if (controller.signal.aborted) {
      logger.debug({ attempt, err: error instanceof Error ? error.message : String(error) }, 'aborted attempt settled late');
    }
  });

  try {
    return await Promise.race([work, aborted]);
  } finally {
    callSignal.removeEventListener('abort', onCallAbort);
    timer.abort();
  }
}
