/**
 * What Python 3.9's `datetime.fromisoformat` accepts for an aware UTC instant:
 * `YYYY-MM-DDTHH:MM:SS[.fff[fff]]+00:00` (it rejects the `Z` suffix before 3.11).
 */
export const python39IsoFormat = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3}(\d{3})?)?\+00:00$/;

const looksLikeInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Every timestamp in a JSON value (fields named `*_at`, or strings that look like an instant), with its path. */
export function collectTimestamps(value: unknown, path = '$'): { path: string; value: string }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => collectTimestamps(item, `${path}[${index}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, child]) => {
      const childPath = `${path}.${key}`;
      if (typeof child === 'string' && (key.endsWith('_at') || looksLikeInstant.test(child))) return [{ path: childPath, value: child }];
      return collectTimestamps(child, childPath);
    });
  }
  return [];
}

/** the timestamps that Python 3.9 could not parse */
export function timestampsPython39Rejects(value: unknown): { path: string; value: string }[] {
  return collectTimestamps(value).filter((t) => !python39IsoFormat.test(t.value));
}
