import { describe, expect, it } from 'vitest';
import { ToolError } from '../../videos/run-tool.js';
import { CancelledError, ProviderError } from '../../core/provider-error.js';
import { FrameStreamError, splitJpegStream } from './extract-frames.js';
import { labelFrames } from './frame-labels.js';
import { readFrameParams } from './frame-params.js';
import { retryAfterMsFromHeaders } from '../retry-after.js';
import { abortedCallError, frameSamplingError } from '../sdk-call-errors.js';

/** A minimal JPEG whose quantization table and entropy data hold bytes that look like an end marker. */
function trickyJpeg(fill: number): Buffer {
  const dqt = [0xff, 0xdb, 0x00, 0x06, 0x00, 0xff, 0xd9, 0x01];
  const sos = [0xff, 0xda, 0x00, 0x03, 0x01];
  const entropy = [fill, 0xff, 0x00, 0x12, 0xff, 0xd0, 0x34, 0xff, 0x00];
  return Buffer.from([0xff, 0xd8, ...dqt, ...sos, ...entropy, 0xff, 0xd9]);
}

describe('splitJpegStream', () => {
  it('splits concatenated JPEGs by their markers, not by look-alike bytes inside them', () => {
    const a = trickyJpeg(0x01);
    const b = trickyJpeg(0x02);
    const parts = splitJpegStream(Buffer.concat([a, b]));
    expect(parts.map((part) => Buffer.from(part))).toEqual([a, b]);
    expect(splitJpegStream(Buffer.alloc(0))).toEqual([]);
  });

  it('refuses bytes that are not JPEG, and a JPEG cut short', () => {
    expect(() => splitJpegStream(Buffer.from('not a jpeg'))).toThrow(FrameStreamError);
    expect(() => splitJpegStream(trickyJpeg(1).subarray(0, 20))).toThrow(FrameStreamError);
  });
});

describe('labelFrames', () => {
  const frame = (timestamp_s: number) => ({ timestamp_s, jpeg: Buffer.alloc(0) });
  it('uses MM:SS when frames are at least 2 s apart, tenths otherwise', () => {
    expect(labelFrames([frame(3.75), frame(71.25)]).map((f) => f.label)).toEqual(['Frame at 00:03', 'Frame at 01:11']);
    expect(labelFrames([frame(0.469), frame(1.406)]).map((f) => f.label)).toEqual(['Frame at 00:00.5', 'Frame at 00:01.4']);
  });
});

describe('readFrameParams', () => {
  it('reads max_frames and max_width, passes other params on, and warns about bad values', () => {
    const read = readFrameParams({ max_frames: 4, max_width: 320, temperature: 0.2 }, { maxFrames: 16 }, true);
    expect(read).toEqual({ maxFrames: 4, maxWidth: 320, rest: { temperature: 0.2 }, warnings: [] });
    const bad = readFrameParams({ max_frames: 500, max_width: 'wide' }, { maxFrames: 16, maxWidth: 768 }, true);
    expect(bad.maxFrames).toBe(16);
    expect(bad.maxWidth).toBe(768);
    expect(bad.warnings).toEqual([
      'max_frames ignored: expected an integer from 1 to 100, got 500',
      'max_width ignored: expected an integer from 64 to 2048, got "wide"',
    ]);
    expect(readFrameParams({ max_frames: 4 }, { maxFrames: 16 }, false).warnings).toEqual(['max_frames ignored: this call has no video']);
  });
});

describe('retryAfterMsFromHeaders', () => {
  it('prefers retry-after-ms, then retry-after in seconds or as a date', () => {
    expect(retryAfterMsFromHeaders(new Headers({ 'retry-after-ms': '1500', 'retry-after': '9' }))).toBe(1500);
    expect(retryAfterMsFromHeaders(new Headers({ 'retry-after': '7' }))).toBe(7000);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterMsFromHeaders(new Headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:30 GMT' }), () => now)).toBe(30_000);
    expect(retryAfterMsFromHeaders(new Headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(retryAfterMsFromHeaders(new Headers())).toBeUndefined();
    expect(retryAfterMsFromHeaders(undefined)).toBeUndefined();
  });
});

describe('shared errors', () => {
  it('an abort is a cancellation, a deadline is a retryable timeout', () => {
    expect(abortedCallError(undefined, new Error('x'), 'openai', 'OpenAI API')).toBeInstanceOf(CancelledError);
    const deadline = new DOMException('The operation timed out.', 'TimeoutError');
    const timedOut = abortedCallError(deadline, new Error('x'), 'openai', 'OpenAI API');
    expect(timedOut).toBeInstanceOf(ProviderError);
    expect((timedOut as ProviderError).isRetryable).toBe(true);
  });

  it('ffmpeg failures are not retryable provider errors; other errors are left alone', () => {
    const mapped = frameSamplingError(new ToolError('ffmpeg exited with code 1: no such file', 'ffmpeg', 1, ''), 'anthropic');
    expect(mapped?.isRetryable).toBe(false);
    expect(mapped?.provider).toBe('anthropic');
    expect(frameSamplingError(new Error('other'), 'anthropic')).toBeUndefined();
  });
});
