/**
 * Mutual exclusion across processes, for work that must happen once however
 * many workers want it at the same moment (e.g. uploading a video to a
 * provider). Adapters dedupe within a process themselves; this is the
 * cross-process part, absent in the embedded mode.
 */
export interface ExclusiveLock {
  /**
   * Runs `work` while holding `key`, waiting for another holder first.
   * @throws a cancellation when `signal` aborts while waiting
   */
  run<T>(key: string, signal: AbortSignal, work: () => Promise<T>): Promise<T>;
}
