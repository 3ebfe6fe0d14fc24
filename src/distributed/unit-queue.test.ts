import { describe, expect, it } from 'vitest';
import { unitJobId } from './unit-queue.js';

describe('unitJobId', () => {
  it("is the unit's identity: equal units share it, different units never do", () => {
    const a = unitJobId({ kind: 'model', jobId: 'j1', itemIndex: 2, modelId: 'gemini-2.5-pro' });
    expect(unitJobId({ kind: 'model', jobId: 'j1', itemIndex: 2, modelId: 'gemini-2.5-pro' })).toBe(a);
    expect(unitJobId({ kind: 'model', jobId: 'j1', itemIndex: 3, modelId: 'gemini-2.5-pro' })).not.toBe(a);
    expect(unitJobId({ kind: 'judge', jobId: 'j1', itemIndex: 2 })).not.toBe(unitJobId({ kind: 'judge', jobId: 'j1', itemIndex: 3 }));
  });

  it('holds no ":" (BullMQ refuses it in custom ids), even for model ids that do', () => {
    const id = unitJobId({ kind: 'model', jobId: 'j1', itemIndex: 0, modelId: 'llava:7b' });
    expect(id).not.toContain(':');
    expect(id).not.toBe(unitJobId({ kind: 'model', jobId: 'j1', itemIndex: 0, modelId: 'llava.7b' }));
  });
});
