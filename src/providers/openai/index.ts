export { createOpenAiProvider, type OpenAiProviderSettings } from './create-openai-provider.js';
export { buildOpenAiRequest, type OpenAiRequest } from './build-openai-request.js';
export { readOpenAiResponse } from './read-openai-response.js';
export { mapOpenAiError } from './map-openai-error.js';
