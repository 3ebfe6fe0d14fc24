import { describe, expect, it } from 'vitest';
import { findTimestamps, formatPreciseTimecode, formatTimecode } from './timecode.js';

describe('timecode', () => {
  it('formats MM:SS and H:MM:SS', () => {
    expect(formatTimecode(0)).toBe('00:00');
    expect(formatTimecode(65.9)).toBe('01:05');
    expect(formatTimecode(3725)).toBe('1:02:05');
    expect(formatPreciseTimecode(5.04)).toBe('00:05.0');
    expect(formatPreciseTimecode(9.96)).toBe('00:10.0');
  });

  it('finds clock and seconds timestamps in text', () => {
    const found = findTimestamps('Cut at 00:05, then 1:02:03 and 00:10.5; silence from 12.5s, aspect 4:3');
    expect(found.map((f) => f.seconds)).toEqual([5, 3723, 10.5, 12.5]);
  });

  it('ignores invalid seconds fields', () => {
    expect(findTimestamps('at 00:75')).toEqual([]);
  });
});
