import { describe, expect, it } from 'vitest';
import type { AnyJobEvent, MediaFacts } from '../domain/index.js';
import type { VideoAsset } from '../providers/provider.js';
import { JobEventBus } from './job-events.js';
import { announcingMeasurement, phaseReporter } from './report-phase.js';
import type { WorkContext } from './work-context.js';

function context(events: JobEventBus, now: () => number): WorkContext {
  return { events, now } as unknown as WorkContext;
}

describe('work unit phases', () => {
  it('announces each change of phase once, with when it began', () => {
    const events = new JobEventBus();
    const seen: AnyJobEvent[] = [];
    events.subscribe((e) => seen.push(e));
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const report = phaseReporter(context(events, () => clock), 'job-1', 2, 'gemini-2.5-pro');
    report('queued');
    report('queued');
    clock += 5000;
    report('preparing_video');
    report('calling_model');
    expect(seen.map((e) => e.type)).toEqual(['phase', 'phase', 'phase']);
    expect(seen.map((e) => (e.type === 'phase' ? [e.data.phase, e.data.since] : null))).toEqual([
      ['queued', '2026-01-01T00:00:00.000Z'],
      ['preparing_video', '2026-01-01T00:00:05.000Z'],
      ['calling_model', '2026-01-01T00:00:05.000Z'],
    ]);
    expect(seen[0]!.data).toMatchObject({ job_id: 'job-1', item_index: 2, model_id: 'gemini-2.5-pro' });
  });

  it('announces measuring the video while facts() runs, then the phase before it again, even when it fails', async () => {
    const events = new JobEventBus();
    const phases: string[] = [];
    events.subscribe((e) => e.type === 'phase' && phases.push(e.data.phase));
    const report = phaseReporter(context(events, () => 0), 'job-1', 0, null);
    let release!: (facts: MediaFacts) => void;
    let fail = false;
    const asset = {
      record: { id: 'v' },
      path: '/v',
      openStream: () => process.stdin,
      facts: () => (fail ? Promise.reject(new Error('ffmpeg died')) : new Promise<MediaFacts>((resolve) => (release = resolve))),
    } as unknown as VideoAsset;
    const video = announcingMeasurement(asset, report);
    report('judging');
    const measured = video.facts();
    expect(phases).toEqual(['judging', 'measuring_video']);
    release({ duration_s: 3 } as MediaFacts);
    await expect(measured).resolves.toMatchObject({ duration_s: 3 });
    expect(phases).toEqual(['judging', 'measuring_video', 'judging']);
    fail = true;
    await expect(video.facts()).rejects.toThrow('ffmpeg died');
    expect(phases).toEqual(['judging', 'measuring_video', 'judging', 'measuring_video', 'judging']);
  });

  it('keeps the OCR reader of the video (the OCR model needs it), announcing the reading as measuring', async () => {
    const events = new JobEventBus();
    const phases: string[] = [];
    events.subscribe((e) => e.type === 'phase' && phases.push(e.data.phase));
    const report = phaseReporter(context(events, () => 0), 'job-1', 0, 'local-text');
    const text = { version: 1, sampled_s: [0.5], spans: [{ start_s: 0, end_s: 1, text: 'TOKYO', confidence: 90, frames: 1 }] };
    const signals: (AbortSignal | undefined)[] = [];
    const asset = {
      record: { id: 'v' },
      path: '/v',
      openStream: () => process.stdin,
      facts: () => Promise.resolve({ duration_s: 1 } as MediaFacts),
      onScreenText: (signal?: AbortSignal) => (signals.push(signal), Promise.resolve(text)),
    } as unknown as VideoAsset;
    report('calling_model');
    const signal = new AbortController().signal;
    await expect(announcingMeasurement(asset, report).onScreenText?.(signal)).resolves.toEqual(text);
    expect(signals).toEqual([signal]);
    expect(phases).toEqual(['calling_model', 'measuring_video', 'calling_model']);
    const withoutReader = { ...asset, onScreenText: undefined };
    expect(announcingMeasurement(withoutReader, report).onScreenText).toBeUndefined();
  });
});
