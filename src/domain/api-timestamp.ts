/**
 * A stored ISO-8601 instant as the API shows it: `2026-12-02T15:30:54.757+00:00`.
 * The seed's Python client parses timestamps with `datetime.fromisoformat`, which
 * rejects the `Z` suffix before Python 3.11; storage keeps `toISOString()`'s form.
 */
export function apiTimestamp(stored: string): string;
export function apiTimestamp(stored: string | null): string | null;
export function apiTimestamp(stored: string | null): string | null {
  if (stored === null) return null;
  const ms = Date.parse(stored);
  if (Number.isNaN(ms)) return stored;
  return `${new Date(ms).toISOString().slice(0, -1)}+00:00`;
}

/** the current instant in the API's form */
export function apiTimestampNow(nowMs: number = Date.now()): string {
  return apiTimestamp(new Date(nowMs).toISOString());
}
