import { describe, expect, it } from 'vitest';
import { MAX_EXTRA_FRAMES, MAX_GRID_FRAMES, planTextSampling } from './text-sample-times.js';

const gridTimes = (plan: ReturnType<typeof planTextSampling>) => Array.from({ length: plan.grid.count }, (_, k) => (k + 0.5) * plan.grid.step_s);

describe('planTextSampling', () => {
  it('reads about one frame a second on a short video', () => {
    expect(planTextSampling(10, [{ start_s: 0, end_s: 10 }])).toEqual({ grid: { count: 10, step_s: 1 }, extra_s: [] });
    expect(planTextSampling(61.4, []).grid.count).toBe(61);
  });

  it('reads fewer frames a second on a long video, never more than the cap', () => {
    const hour = planTextSampling(3600, []);
    expect(hour.grid.count).toBe(MAX_GRID_FRAMES);
    expect(hour.grid.step_s).toBe(30);
    expect(planTextSampling(121, []).grid.count).toBe(MAX_GRID_FRAMES);
  });

  it('adds one frame in the middle of every shot the grid misses, so each shot is read at least once', () => {
    const shots = [
      { start_s: 0, end_s: 3 },
      { start_s: 3, end_s: 3.4 },
      { start_s: 3.4, end_s: 3.45 },
      { start_s: 3.45, end_s: 6 },
    ];
    const plan = planTextSampling(6, shots);
    expect(plan.extra_s).toEqual([3.2, 3.425]);
    const times = [...gridTimes(plan), ...plan.extra_s];
    for (const shot of shots) expect(times.some((t) => t >= shot.start_s && t < shot.end_s)).toBe(true);
  });

  it('caps the extra frames on a video with very many short shots', () => {
    const shots = Array.from({ length: 500 }, (_, i) => ({ start_s: i * 0.2, end_s: (i + 1) * 0.2 }));
    const plan = planTextSampling(100, shots);
    expect(plan.grid.count).toBe(100);
    expect(plan.extra_s).toHaveLength(MAX_EXTRA_FRAMES);
  });

  it('reads one frame of a video whose length is unknown', () => {
    expect(planTextSampling(0, [])).toEqual({ grid: { count: 1, step_s: 0 }, extra_s: [] });
    expect(planTextSampling(Number.NaN, [])).toEqual({ grid: { count: 1, step_s: 0 }, extra_s: [] });
  });
});
