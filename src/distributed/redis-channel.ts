import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import type { Logger } from '../logging/logger.js';
import { closeRedis, connectRedis } from './redis-connection.js';

/**
 * One Redis pub/sub channel carrying JSON messages to every process
 * subscribed to it, this one included: a process hears its own messages
 * through Redis like everybody else, so all see the same order.
 */
export class RedisChannel<T> {
  private readonly emitter = new EventEmitter();

  private constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    readonly name: string,
    private readonly logger: Logger,
  ) {
    this.emitter.setMaxListeners(0);
  }

  static async open<T>(url: string, name: string, logger: Logger): Promise<RedisChannel<T>> {
    const publisher = connectRedis(url, `${name}-pub`, logger);
    const subscriber = connectRedis(url, `${name}-sub`, logger);
    const channel = new RedisChannel<T>(publisher, subscriber, name, logger);
    subscriber.on('message', (from: string, message: string) => {
      if (from !== name) return;
      try {
        channel.emitter.emit('message', JSON.parse(message) as T);
      } catch (error) {
        logger.warn({ channel: name, err: (error as Error).message }, 'dropped a malformed channel message');
      }
    });
    await subscriber.subscribe(name);
    return channel;
  }

  publish(message: T): Promise<void> {
    return this.publisher.publish(this.name, JSON.stringify(message)).then(
      () => undefined,
      (error: Error) => {
        this.logger.error({ channel: this.name, err: error.message }, 'could not publish to redis');
        throw error;
      },
    );
  }

  subscribe(listener: (message: T) => void): () => void {
    this.emitter.on('message', listener);
    return () => this.emitter.off('message', listener);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
    await closeRedis(this.publisher, this.subscriber);
  }
}
