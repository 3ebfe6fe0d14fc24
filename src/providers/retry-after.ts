/** Response headers as the SDKs hand them over: a fetch `Headers`, or a plain record. */
export type HeaderSource = Headers | Record<string, unknown> | undefined | null;

function header(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name)?.trim() || undefined;
  const record = headers as Record<string, unknown>;
  const value = record[name] ?? Object.entries(record).find(([key]) => key.toLowerCase() === name)?.[1];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * The wait a response asks for, in ms: `retry-after-ms` (OpenAI, Anthropic),
 * else `retry-after` as seconds or an HTTP date. Undefined when absent or unreadable.
 */
export function retryAfterMsFromHeaders(headers: HeaderSource, now: () => number = Date.now): number | undefined {
  const msValue = header(headers, 'retry-after-ms');
  const ms = msValue ? Number(msValue) : Number.NaN;
  if (Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  const value = header(headers, 'retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}
