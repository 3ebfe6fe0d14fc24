import { DEFAULT_MAX_WIDTH } from './sample-frames.js';

/** Frame settings read from per-request params, and the params left for the provider. */
export interface FrameParams {
  maxFrames: number;
  maxWidth: number;
  /** params other than the frame ones */
  rest: Record<string, unknown>;
  warnings: string[];
}

/** Providers refuse more images than this per request (Anthropic: 100). */
export const MAX_FRAMES_LIMIT = 100;

/**
 * Reads `max_frames` (1-100) and `max_width` (64-2048 px) from params.
 * Invalid values, or frame params on a call without a video, become warnings.
 */
export function readFrameParams(
  params: Record<string, unknown> | undefined,
  defaults: { maxFrames: number; maxWidth?: number },
  hasVideo: boolean,
): FrameParams {
  const warnings: string[] = [];
  const rest: Record<string, unknown> = {};
  let maxFrames = defaults.maxFrames;
  let maxWidth = defaults.maxWidth ?? DEFAULT_MAX_WIDTH;
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value === undefined || value === null) continue;
    if (key !== 'max_frames' && key !== 'max_width') {
      rest[key] = value;
      continue;
    }
    if (!hasVideo) {
      warnings.push(`${key} ignored: this call has no video`);
    } else if (key === 'max_frames') {
      if (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_FRAMES_LIMIT) maxFrames = value as number;
      else warnings.push(`max_frames ignored: expected an integer from 1 to ${MAX_FRAMES_LIMIT}, got ${describeValue(value)}`);
    } else if (Number.isInteger(value) && (value as number) >= 64 && (value as number) <= 2048) {
      maxWidth = value as number;
    } else {
      warnings.push(`max_width ignored: expected an integer from 64 to 2048, got ${describeValue(value)}`);
    }
  }
  return { maxFrames, maxWidth, rest, warnings };
}

/** A short rendering of a param value for a warning. */
export function describeValue(value: unknown): string {
  const text = typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
