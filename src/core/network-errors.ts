/** Error codes of connection failures worth another try (Node sockets, undici). */
const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ETIMEDOUT',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

const NETWORK_ERROR_NAMES = new Set(['TimeoutError', 'ConnectTimeoutError', 'HeadersTimeoutError', 'SocketError']);
// undici reports a dropped socket as TypeError('fetch failed') or by these messages, sometimes without a code
const NETWORK_ERROR_MESSAGE = /^fetch failed$|socket hang up|other side closed|terminated$/i;

/** The error and every `cause` below it (bounded, in case of a cycle). */
export function* causeChain(error: unknown, maxDepth = 10): Generator<unknown> {
  let current: unknown = error;
  for (let depth = 0; depth < maxDepth && current !== undefined && current !== null; depth++) {
    yield current;
    current = typeof current === 'object' ? (current as { cause?: unknown }).cause : undefined;
  }
}

/** The `code` property of an error-like value, when it has one. */
export function errorCode(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/**
 * What made a call fail at the network level (a socket code, a timeout's name,
 * "fetch failed"), anywhere in the cause chain; undefined for every other error.
 */
export function networkFailure(error: unknown): string | undefined {
  const chain = [...causeChain(error, 5)].filter((link): link is object => typeof link === 'object');
  // the most precise description first: a socket code below undici's generic "fetch failed"
  for (const link of chain) {
    const code = errorCode(link);
    if (code !== undefined && RETRYABLE_NETWORK_CODES.has(code)) return code;
  }
  for (const link of chain) {
    const { name, message } = link as { name?: unknown; message?: unknown };
    if (typeof name === 'string' && NETWORK_ERROR_NAMES.has(name)) return name;
    if (typeof message === 'string' && NETWORK_ERROR_MESSAGE.test(message)) return message;
  }
  return undefined;
}

export function isNetworkError(error: unknown): boolean {
  return networkFailure(error) !== undefined;
}
