import type { JobCancellation } from '../jobs/job-cancellation.js';
import type { Logger } from '../logging/logger.js';
import { RedisChannel } from './redis-channel.js';

/** Cancellation over Redis pub/sub: a cancel on any API node aborts the job's calls on every worker. */
export class RedisJobCancellation implements JobCancellation {
  private constructor(private readonly channel: RedisChannel<{ job_id: string }>) {}

  static async open(url: string, prefix: string, logger: Logger): Promise<RedisJobCancellation> {
    return new RedisJobCancellation(await RedisChannel.open<{ job_id: string }>(url, `${prefix}:cancel`, logger));
  }

  cancel(jobId: string): Promise<void> {
    return this.channel.publish({ job_id: jobId });
  }

  subscribe(listener: (jobId: string) => void): () => void {
    return this.channel.subscribe((message) => listener(message.job_id));
  }

  close(): Promise<void> {
    return this.channel.close();
  }
}
