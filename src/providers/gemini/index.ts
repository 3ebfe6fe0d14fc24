export { createGeminiProvider, GEMINI_INLINE_HARD_LIMIT_BYTES, type GeminiProviderSettings } from './create-gemini-provider.js';
export { mapGeminiError, isFileGoneError, parseGoogleErrorBody, retryDelayMs, type GoogleErrorBody } from './map-gemini-error.js';
export { buildGeminiOptions, type GeminiCallOptions, type GeminiOptionsInput } from './build-gemini-options.js';
export { readGeminiResponse } from './read-gemini-response.js';
export { createGeminiFileManager, type GeminiFileManager, type GeminiFileManagerDeps } from './gemini-file-manager.js';
export { systemClock, type Clock } from '../../core/clock.js';
