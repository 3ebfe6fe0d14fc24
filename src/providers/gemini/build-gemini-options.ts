import { MediaResolution, ThinkingLevel, type GenerateContentConfig, type ThinkingConfig, type VideoMetadata } from '@google/genai';

/** What a request's params and options turn into for one generateContent call. */
export interface GeminiCallOptions {
  /** generateContent config, without the abort signal */
  config: GenerateContentConfig;
  /** goes on the video part */
  videoMetadata?: VideoMetadata;
  /** params that were not understood or not applicable, in words */
  warnings: string[];
}

export interface GeminiOptionsInput {
  params?: Record<string, unknown>;
  system?: string;
  responseJsonSchema?: Record<string, unknown>;
  hasVideo: boolean;
}

const mediaResolutions: Record<string, MediaResolution> = {
  low: MediaResolution.MEDIA_RESOLUTION_LOW,
  medium: MediaResolution.MEDIA_RESOLUTION_MEDIUM,
  high: MediaResolution.MEDIA_RESOLUTION_HIGH,
};

const thinkingLevels: Record<string, ThinkingLevel> = {
  minimal: ThinkingLevel.MINIMAL,
  low: ThinkingLevel.LOW,
  medium: ThinkingLevel.MEDIUM,
  high: ThinkingLevel.HIGH,
};

/**
 * Maps per-request params onto the Gemini call. Known params:
 * `videoMetadata` ({fps, startOffset, endOffset}; offsets in seconds or "12.5s"),
 * `mediaResolution` ("low" | "medium" | "high" or the MEDIA_RESOLUTION_* name),
 * `thinkingConfig` ({thinkingBudget, thinkingLevel}), `temperature`, `maxOutputTokens`.
 * Unknown params and invalid values are left out and reported as warnings, never thrown.
 */
export function buildGeminiOptions(input: GeminiOptionsInput): GeminiCallOptions {
  const warnings: string[] = [];
  const config: GenerateContentConfig = {};
  let videoMetadata: VideoMetadata | undefined;

  if (input.system) config.systemInstruction = input.system;
  if (input.responseJsonSchema) {
    config.responseMimeType = 'application/json';
    config.responseJsonSchema = input.responseJsonSchema;
  }

  for (const [key, value] of Object.entries(input.params ?? {})) {
    if (value === undefined || value === null) continue;
    switch (key) {
      case 'videoMetadata':
        if (!input.hasVideo) warnings.push('videoMetadata ignored: this call has no video');
        else videoMetadata = readVideoMetadata(value, warnings);
        break;
      case 'mediaResolution': {
        const resolution = readMediaResolution(value);
        if (resolution) config.mediaResolution = resolution;
        else warnings.push(`mediaResolution ignored: expected low, medium or high, got ${show(value)}`);
        break;
      }
      case 'thinkingConfig': {
        const thinking = readThinkingConfig(value, warnings);
        if (thinking) config.thinkingConfig = thinking;
        break;
      }
      case 'temperature':
        if (typeof value === 'number' && value >= 0 && value <= 2) config.temperature = value;
        else warnings.push(`temperature ignored: expected a number from 0 to 2, got ${show(value)}`);
        break;
      case 'maxOutputTokens':
        if (Number.isInteger(value) && (value as number) > 0) config.maxOutputTokens = value as number;
        else warnings.push(`maxOutputTokens ignored: expected a positive integer, got ${show(value)}`);
        break;
      default:
        warnings.push(`param "${key}" is not supported by Gemini models and was ignored`);
    }
  }
  return { config, videoMetadata, warnings };
}

function readVideoMetadata(value: unknown, warnings: string[]): VideoMetadata | undefined {
  if (!isRecord(value)) {
    warnings.push(`videoMetadata ignored: expected an object, got ${show(value)}`);
    return undefined;
  }
  const metadata: VideoMetadata = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined || field === null) continue;
    if (key === 'fps') {
      if (typeof field === 'number' && field > 0 && field <= 24) metadata.fps = field;
      else warnings.push(`videoMetadata.fps ignored: expected a number in (0, 24], got ${show(field)}`);
    } else if (key === 'startOffset' || key === 'endOffset') {
      const offset = readOffset(field);
      if (offset) metadata[key] = offset;
      else warnings.push(`videoMetadata.${key} ignored: expected seconds (e.g. 12.5 or "12.5s"), got ${show(field)}`);
    } else {
      warnings.push(`videoMetadata.${key} is not supported and was ignored`);
    }
  }
  return Object.keys(metadata).length > 0 ? metadata : undefined;
}

/** Seconds as a number, or a protobuf Duration string ("90s", "1.5s"). */
function readOffset(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return `${value}s`;
  if (typeof value === 'string' && /^\d+(\.\d+)?s$/.test(value.trim())) return value.trim();
  return undefined;
}

function readMediaResolution(value: unknown): MediaResolution | undefined {
  if (typeof value !== 'string') return undefined;
  const key = value.trim().toLowerCase().replace(/^media_resolution_/, '');
  return mediaResolutions[key];
}

function readThinkingConfig(value: unknown, warnings: string[]): ThinkingConfig | undefined {
  if (!isRecord(value)) {
    warnings.push(`thinkingConfig ignored: expected an object, got ${show(value)}`);
    return undefined;
  }
  const thinking: ThinkingConfig = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined || field === null) continue;
    if (key === 'thinkingBudget') {
      // -1 asks for a dynamic budget, 0 turns thinking off where the model allows it.
      if (Number.isInteger(field) && (field as number) >= -1) thinking.thinkingBudget = field as number;
      else warnings.push(`thinkingConfig.thinkingBudget ignored: expected an integer >= -1, got ${show(field)}`);
    } else if (key === 'thinkingLevel') {
      const level = typeof field === 'string' ? thinkingLevels[field.trim().toLowerCase()] : undefined;
      if (level) thinking.thinkingLevel = level;
      else warnings.push(`thinkingConfig.thinkingLevel ignored: expected minimal, low, medium or high, got ${show(field)}`);
    } else {
      warnings.push(`thinkingConfig.${key} is not supported and was ignored`);
    }
  }
  return Object.keys(thinking).length > 0 ? thinking : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  const text = typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
