export { formatBytes } from '../../domain/format-bytes.js';
/** Human formats for sizes, durations, money and counts; `—` where a value is unknown. */

export const missing = '—';

/** 850 ms, 4.2 s, 2m 05s, 1h 02m */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return missing;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 2 : 1)} s`;
  const totalSeconds = Math.round(seconds);
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes < 60) return `${minutes}m ${String(totalSeconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

export function formatEta(seconds: number | null | undefined): string {
  // under a second the estimate is noise
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 1) return '';
  return `ETA ${formatDuration(seconds * 1000)}`;
}

/** dollars with enough digits for sub-cent model calls; `$0` for free local models */
export function formatCost(usd: number | null | undefined): string {
  if (usd === null || usd === undefined) return missing;
  if (usd === 0) return '$0';
  if (usd < 0.01) return `$${usd.toFixed(5)}`;
  return `$${usd.toFixed(usd < 1 ? 4 : 2)}`;
}

/** a price per million tokens: $0.10, $2.00 */
export function formatPrice(usd: number | null | undefined): string {
  if (usd === null || usd === undefined) return missing;
  return usd > 0 && usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined) return missing;
  return value.toLocaleString('en-US');
}

export function formatScore(score: number | null | undefined): string {
  if (score === null || score === undefined) return missing;
  // scores are integers 1-10 (the seed's contract); older stored results may carry decimals
  return `${Math.round(score)}/10`;
}

/** first `max` characters of a one-line version of `text` */
export function truncate(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, Math.max(0, max - 1))}…`;
}

export function shortId(id: string): string {
  return id.length > 8 ? id.slice(0, 8) : id;
}
