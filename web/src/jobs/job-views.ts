import { finishedStatuses, type JobView } from '../api/types.js';

/**
 * Puts a job view fetched from the server into the list (newest job first).
 * A finished job stays finished: a view fetched before it finished must not
 * bring back "running".
 */
export function upsertJob(jobs: JobView[], job: JobView): JobView[] {
  const index = jobs.findIndex((j) => j.job_id === job.job_id);
  if (index === -1) return [job, ...jobs].sort((a, b) => b.created_at.localeCompare(a.created_at));
  if (finishedStatuses.includes(jobs[index]!.status) && !finishedStatuses.includes(job.status)) return jobs;
  const next = jobs.slice();
  next[index] = job;
  return next;
}

/**
 * Orders the responses of fetches per key. The page fetches a job when it
 * starts it, on its `created` event and when it finishes, and the responses
 * can arrive in any order: `begin` numbers a fetch, and the check it returns
 * says whether its response is still the newest (and marks it applied), so an
 * older view never overwrites a newer one.
 */
export class NewestResponses {
  private readonly byKey = new Map<string, { sent: number; applied: number }>();

  begin(key: string): () => boolean {
    const seen = this.byKey.get(key) ?? { sent: 0, applied: 0 };
    this.byKey.set(key, seen);
    const request = ++seen.sent;
    return () => {
      if (request < seen.applied) return false;
      seen.applied = request;
      return true;
    };
  }

  forget(key: string): void {
    this.byKey.delete(key);
  }
}
