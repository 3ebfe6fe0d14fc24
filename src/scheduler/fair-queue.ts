/**
 * Waiting items grouped by job and served round robin across jobs: each
 * `shift` takes the oldest item of the job whose turn it is, then sends that
 * job to the back of the rotation. A job that arrives later with one item is
 * served after at most one item of every job already waiting, however many
 * items those jobs have queued.
 */
export class FairQueue<T> {
  /** Map iteration order is the rotation: the first job is served next. */
  private readonly byJob = new Map<string, T[]>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** number of jobs with at least one waiting item */
  get jobCount(): number {
    return this.byJob.size;
  }

  push(jobId: string, item: T): void {
    const items = this.byJob.get(jobId);
    if (items) items.push(item);
    else this.byJob.set(jobId, [item]);
    this.count++;
  }

  /** the item that `shift` would return, without removing it */
  peek(): T | undefined {
    const first = this.byJob.values().next();
    return first.done ? undefined : first.value[0];
  }

  shift(): T | undefined {
    const first = this.byJob.entries().next();
    if (first.done) return undefined;
    const [jobId, items] = first.value;
    const item = items.shift() as T;
    this.byJob.delete(jobId);
    if (items.length > 0) this.byJob.set(jobId, items);
    this.count--;
    return item;
  }

  /** Removes one waiting item (e.g. a cancelled call); returns whether it was there. */
  remove(jobId: string, item: T): boolean {
    const items = this.byJob.get(jobId);
    if (!items) return false;
    const index = items.indexOf(item);
    if (index < 0) return false;
    items.splice(index, 1);
    if (items.length === 0) this.byJob.delete(jobId);
    this.count--;
    return true;
  }
}
