import { describe, expect, it } from 'vitest';
import { createTurnGate } from './turn-gate.js';

describe('createTurnGate', () => {
  it('runs one work at a time and lets waiting callbacks in between two of them', async () => {
    const gate = createTurnGate(1);
    const order: string[] = [];
    let running = 0;
    const work = (name: string) =>
      gate(async () => {
        running += 1;
        expect(running).toBe(1);
        order.push(name);
        // stands for a /health request that arrived while `name` was busy
        setImmediate(() => order.push(`waiting after ${name}`));
        await Promise.resolve();
        running -= 1;
        return name;
      });
    expect(await Promise.all([work('a'), work('b'), work('c')])).toEqual(['a', 'b', 'c']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['a', 'waiting after a', 'b', 'waiting after b', 'c', 'waiting after c']);
  });

  it('frees its place when the work fails', async () => {
    const gate = createTurnGate(1);
    await expect(gate(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await gate(async () => 'next')).toBe('next');
  });
});
