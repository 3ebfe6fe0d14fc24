import { APIConnectionError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { mapSdkCallError } from '../sdk-call-errors.js';

/**
 * Turns whatever `@anthropic-ai/sdk` (or frame sampling) threw into a typed
 * `ProviderError` or a cancellation (see `mapSdkCallError`); 529 overloaded
 * is retryable like any 5xx.
 */
export function mapAnthropicError(error: unknown, signal: AbortSignal | undefined, label = 'Anthropic API'): Error {
  return mapSdkCallError(error, signal, {
    provider: 'anthropic',
    label,
    classes: { APIError, APIConnectionError, APIUserAbortError },
    // Anthropic's body: {type: 'error', error: {type: 'overloaded_error', message}}
    describe: (apiError) => ({ message: (apiError as APIError).apiMessage ?? apiError.message, kind: (apiError as APIError).type ?? undefined }),
  });
}
