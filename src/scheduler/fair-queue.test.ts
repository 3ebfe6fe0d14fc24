import { describe, expect, it } from 'vitest';
import { FairQueue } from './fair-queue.js';

function drain<T>(queue: FairQueue<T>): T[] {
  const out: T[] = [];
  for (let item = queue.shift(); item !== undefined; item = queue.shift()) out.push(item);
  return out;
}

describe('FairQueue', () => {
  it('serves jobs round robin, each job in its own FIFO order', () => {
    const queue = new FairQueue<string>();
    for (const item of ['a1', 'a2', 'a3']) queue.push('A', item);
    for (const item of ['b1', 'b2']) queue.push('B', item);
    queue.push('C', 'c1');
    expect(queue.size).toBe(6);
    expect(queue.jobCount).toBe(3);
    expect(queue.peek()).toBe('a1');
    expect(drain(queue)).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3']);
    expect(queue.size).toBe(0);
  });

  it('serves a job that arrives late with one item after at most one item of the busy job', () => {
    const queue = new FairQueue<string>();
    for (let i = 0; i < 500; i++) queue.push('big', `big${i}`);
    expect(queue.shift()).toBe('big0');
    queue.push('small', 'small0');
    expect([queue.shift(), queue.shift()]).toEqual(['big1', 'small0']);
  });

  it('removes a waiting item and drops a job left empty', () => {
    const queue = new FairQueue<string>();
    queue.push('A', 'a1');
    queue.push('B', 'b1');
    queue.push('A', 'a2');
    expect(queue.remove('B', 'b1')).toBe(true);
    expect(queue.remove('B', 'b1')).toBe(false);
    expect(queue.remove('A', 'nope')).toBe(false);
    expect(queue.jobCount).toBe(1);
    expect(drain(queue)).toEqual(['a1', 'a2']);
  });
});
