import type { ApiClient } from './api-client.js';
import { UsageError } from './cli-errors.js';

/** a job id as the server makes them (a UUID): used as given, without a lookup */
const fullJobId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** a video id as the server makes them (12 random bytes, base64url) */
const fullVideoId = /^[A-Za-z0-9_-]{16}$/;
const jobPageSize = 1000;

/**
 * The one id among `known` that `value` names: itself, or the only id it is a
 * prefix of (the short ids the CLI prints). A value that matches nothing is
 * returned unchanged, so the server says it is not found.
 * @throws UsageError (exit 2) listing the matches when the prefix is ambiguous
 */
export function pickByPrefix(kind: 'job' | 'video', value: string, known: readonly string[]): string {
  if (known.includes(value)) return value;
  const matches = known.filter((id) => id.startsWith(value));
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    const shown = matches.slice(0, 10).join(', ');
    throw new UsageError(`${kind} id "${value}" is ambiguous: it starts ${matches.length} ${kind} ids (${shown}${matches.length > 10 ? ', …' : ''}); give more characters`);
  }
  return value;
}

async function allJobIds(client: ApiClient): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += jobPageSize) {
    const page = await client.jobs({ limit: jobPageSize, offset });
    ids.push(...page.map((job) => job.job_id));
    if (page.length < jobPageSize) return ids;
  }
}

/** Full job ids for what the user typed (full ids or unique prefixes). */
export async function resolveJobIds(client: ApiClient, values: readonly string[]): Promise<string[]> {
  if (values.every((value) => fullJobId.test(value))) return [...values];
  const known = await allJobIds(client);
  return values.map((value) => (fullJobId.test(value) ? value : pickByPrefix('job', value, known)));
}

export async function resolveJobId(client: ApiClient, value: string): Promise<string> {
  return (await resolveJobIds(client, [value]))[0]!;
}

/** Full video ids for what the user typed (full ids or unique prefixes). */
export async function resolveVideoIdPrefixes(client: ApiClient, values: readonly string[]): Promise<string[]> {
  if (values.every((value) => fullVideoId.test(value))) return [...values];
  const known = (await client.videos()).map((video) => video.id);
  return values.map((value) => pickByPrefix('video', value, known));
}
