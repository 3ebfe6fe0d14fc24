/** Shutdown is not cancellation: the job stays `running` and resumes at the next start. */
export const shutdownReason = new Error('server shutting down');

/** Whether the job's work stopped because this process is shutting down (so nothing at the provider should be cancelled). */
export function isShutdown(signal: AbortSignal): boolean {
  return signal.aborted && signal.reason === shutdownReason;
}
