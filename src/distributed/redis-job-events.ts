import type { AnyJobEvent, JobEventMap, JobEventName, JobEvents } from '../jobs/job-events.js';
import type { Logger } from '../logging/logger.js';
import { RedisChannel } from './redis-channel.js';

/** Job events over Redis pub/sub: progress from any worker reaches every API node's SSE clients. */
export class RedisJobEvents implements JobEvents {
  private constructor(private readonly channel: RedisChannel<AnyJobEvent>) {}

  static async open(url: string, prefix: string, logger: Logger): Promise<RedisJobEvents> {
    return new RedisJobEvents(await RedisChannel.open<AnyJobEvent>(url, `${prefix}:events`, logger));
  }

  emit<K extends JobEventName>(type: K, data: JobEventMap[K]): void {
    // a lost event costs a live update only: the state itself is in the store, and SSE clients catch up on reconnect
    this.channel.publish({ type, data } as AnyJobEvent).catch(() => undefined);
  }

  subscribe(listener: (event: AnyJobEvent) => void): () => void {
    return this.channel.subscribe(listener);
  }

  close(): Promise<void> {
    return this.channel.close();
  }
}
