/**
 * The wait a response asks for, in ms: `retry-after-ms` (OpenAI, Anthropic),
 * else `retry-after` as seconds or an HTTP date. Undefined when absent or unreadable.
 */
export function retryAfterMsFromHeaders(headers: Headers | undefined, now: () => number = Date.now): number | undefined {
  if (!headers || typeof headers.get !== 'function') return undefined;
  const msValue = headers.get('retry-after-ms')?.trim();
  const ms = msValue ? Number(msValue) : Number.NaN;
  if (Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}
