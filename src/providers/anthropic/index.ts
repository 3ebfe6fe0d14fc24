export { createAnthropicProvider, type AnthropicProviderSettings } from './create-anthropic-provider.js';
export { buildAnthropicRequest, DEFAULT_MAX_TOKENS, SUBMIT_TOOL, type AnthropicBody, type AnthropicRequest } from './build-anthropic-request.js';
export { readAnthropicResponse } from './read-anthropic-response.js';
export { mapAnthropicError } from './map-anthropic-error.js';
