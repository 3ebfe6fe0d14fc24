import { describe, expect, it } from 'vitest';
import { python39IsoFormat } from '../../test/helpers/api-timestamps.js';
import { apiTimestamp, apiTimestampNow } from './api-timestamp.js';

describe('apiTimestamp', () => {
  it('writes a stored Z instant with a +00:00 offset and the same milliseconds', () => {
    expect(apiTimestamp('2026-12-02T15:30:54.757Z')).toBe('2026-12-02T15:30:54.757+00:00');
    expect(apiTimestamp('2026-12-02T15:30:54.757Z')).toMatch(python39IsoFormat);
  });

  it('keeps null and normalises other offsets to UTC', () => {
    expect(apiTimestamp(null)).toBeNull();
    expect(apiTimestamp('2026-12-02T17:30:54.757+02:00')).toBe('2026-12-02T15:30:54.757+00:00');
  });

  it('round-trips through Date.parse', () => {
    const now = Date.UTC(2026, 11, 2, 15, 30, 54, 7);
    expect(Date.parse(apiTimestampNow(now))).toBe(now);
  });
});
