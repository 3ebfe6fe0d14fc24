import { describe, expect, it } from 'vitest';
import { AudioPassLog, closeSpans, VideoPassLog } from './ffmpeg-log-parsers.js';

describe('ffmpeg log parsers', () => {
  it('reads only the ebur128 summary, and -inf as unknown', () => {
    const log = new AudioPassLog();
    [
      '[Parsed_ebur128_0 @ 0x1] t: 0.1  TARGET:-23 LUFS    M:-120.7 S:-120.7     I: -70.0 LUFS       LRA:   0.0 LU  FTPK: -inf dBFS  TPK: -inf dBFS',
      '[silencedetect @ 0x2] silence_start: 4.99',
      '[Parsed_ebur128_0 @ 0x1] Summary:',
      '',
      '  Integrated loudness:',
      '    I:         -70.0 LUFS',
      '    Threshold:   0.0 LUFS',
      '  Loudness range:',
      '    LRA:         0.0 LU',
      '  True peak:',
      '    Peak:       -inf dBFS',
    ].forEach((line) => log.feed(line));
    expect(log.integratedLufs).toBe(-70);
    expect(log.loudnessRangeLu).toBe(0);
    expect(log.truePeakDbtp).toBeNull();
    expect(log.silences).toEqual([{ start_s: 4.99, end_s: null }]);
  });

  it('pairs freeze starts and ends, and groups signalstats lines by sampled frame', () => {
    const log = new VideoPassLog();
    [
      '[freezedetect @ 0x3] lavfi.freezedetect.freeze_start: 2.5',
      '[freezedetect @ 0x3] lavfi.freezedetect.freeze_duration: 3',
      '[freezedetect @ 0x3] lavfi.freezedetect.freeze_end: 5.5',
      '[Parsed_metadata_9 @ 0x4] frame:0    pts:0       pts_time:0',
      '[Parsed_metadata_9 @ 0x4] lavfi.freezedetect.freeze_start=2.5',
      ...['YAVG=100', 'YLOW=20', 'YHIGH=220', 'SATAVG=30', 'UAVG=120', 'VAVG=140'].map((kv) => `[Parsed_metadata_9 @ 0x4] lavfi.signalstats.${kv}`),
      '[Parsed_metadata_9 @ 0x4] frame:1    pts:1       pts_time:0.25',
      '[Parsed_metadata_9 @ 0x4] lavfi.signalstats.YAVG=50',
      '[Parsed_showinfo_5 @ 0x5] n:   0 pts:  64000 pts_time:5       pos:   475233 fmt:rgb24',
      '[blackdetect @ 0x6] black_start:10.96 black_end:11.96 black_duration:1',
    ].forEach((line) => log.feed(line));
    log.end();
    expect(log.freezes).toEqual([{ start_s: 2.5, end_s: 5.5 }]);
    // the second sample is incomplete and dropped
    expect(log.samples).toEqual([{ t: 0, yavg: 100, ylow: 20, yhigh: 220, satavg: 30, uavg: 120, vavg: 140 }]);
    expect(log.cuts).toEqual([5]);
    expect(log.blacks).toEqual([{ start_s: 10.96, end_s: 11.96 }]);
  });

  it('closes open spans at the duration, clamps and snaps ends near it', () => {
    expect(closeSpans([{ start_s: -0.01, end_s: 1 }, { start_s: 5, end_s: null }], 15, 0.1)).toEqual([
      { start_s: 0, end_s: 1 },
      { start_s: 5, end_s: 15 },
    ]);
    expect(closeSpans([{ start_s: 10.96, end_s: 11.96 }], 12, 0.08)).toEqual([{ start_s: 10.96, end_s: 12 }]);
    expect(closeSpans([{ start_s: 14, end_s: 15.02 }], 15, 0.1)).toEqual([{ start_s: 14, end_s: 15 }]);
    expect(closeSpans([{ start_s: 15.5, end_s: null }], 15, 0.1)).toEqual([]);
  });
});
