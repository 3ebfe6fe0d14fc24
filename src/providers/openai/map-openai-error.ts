import { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import { mapSdkCallError } from '../sdk-call-errors.js';

/**
 * Turns whatever the `openai` SDK (or frame sampling) threw into a typed
 * `ProviderError` or a cancellation (see `mapSdkCallError`).
 *
 * @param label names the endpoint in messages ("OpenAI API", "OpenAI-compatible API at localhost:11434")
 */
export function mapOpenAiError(error: unknown, signal: AbortSignal | undefined, label = 'OpenAI API'): Error {
  return mapSdkCallError(error, signal, {
    provider: 'openai',
    label,
    classes: { APIError, APIConnectionError, APIUserAbortError },
    describe: (apiError) => {
      const { error: body, code, type } = apiError as APIError;
      return { message: bodyMessage(body) ?? apiError.message, kind: bodyKind(body) ?? code ?? type ?? undefined };
    },
  });
}

/** OpenAI sends `{error: {message, type, code}}`; some compatible servers `{message}` or `{error: "text"}`. */
function bodyMessage(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const { error, message } = body as { error?: unknown; message?: unknown };
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  return typeof message === 'string' ? message : undefined;
}

function bodyKind(body: unknown): string | undefined {
  const inner = body && typeof body === 'object' ? (body as { error?: unknown }).error : undefined;
  if (!inner || typeof inner !== 'object') return undefined;
  const { code, type } = inner as { code?: unknown; type?: unknown };
  if (typeof code === 'string' && code !== '') return code;
  return typeof type === 'string' && type !== '' ? type : undefined;
}
