import { describe, expect, it } from 'vitest';
import { CancelledError } from '../core/provider-error.js';
import { MediaProcessSlots } from './media-process-slots.js';

/** Lets queued promise callbacks run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('MediaProcessSlots', () => {
  it('never runs more than the limit, and background work leaves one place for uploads', async () => {
    const slots = new MediaProcessSlots(3);
    const granted: string[] = [];
    const take = (name: string, kind: 'interactive' | 'background') =>
      slots.acquire(kind).then((release) => (granted.push(name), release));
    const b1 = take('b1', 'background');
    const b2 = take('b2', 'background');
    void take('b3', 'background');
    const i1 = take('i1', 'interactive');
    await settle();
    expect(granted).toEqual(['b1', 'b2', 'i1']);
    expect(slots.stats).toEqual({ running: 3, waiting: 1 });
    (await i1)();
    await settle();
    // the freed place is the uploads' own: background work stays at two
    expect(granted).toEqual(['b1', 'b2', 'i1']);
    (await b1)();
    await settle();
    expect(granted).toEqual(['b1', 'b2', 'i1', 'b3']);
    (await b2)();
  });

  it('serves waiting interactive work before waiting background work', async () => {
    const slots = new MediaProcessSlots(2);
    const granted: string[] = [];
    const first = await slots.acquire('interactive');
    const second = await slots.acquire('interactive');
    void slots.acquire('background').then(() => granted.push('background'));
    void slots.acquire('interactive').then(() => granted.push('interactive'));
    first();
    second();
    await settle();
    expect(granted).toEqual(['interactive', 'background']);
  });

  it('lets a cancelled waiter leave the queue without taking a place', async () => {
    const slots = new MediaProcessSlots(1);
    const held = await slots.acquire('background');
    const controller = new AbortController();
    const waiting = slots.acquire('background', controller.signal);
    const cancelled = new CancelledError('job cancelled');
    controller.abort(cancelled);
    await expect(waiting).rejects.toBe(cancelled);
    expect(slots.stats).toEqual({ running: 1, waiting: 0 });
    held();
    expect(slots.stats).toEqual({ running: 0, waiting: 0 });
  });

  it('releases the place when the work fails', async () => {
    const slots = new MediaProcessSlots(1);
    await expect(slots.run('background', undefined, async () => Promise.reject(new Error('ffmpeg failed')))).rejects.toThrow('ffmpeg failed');
    expect(slots.stats.running).toBe(0);
  });
});
