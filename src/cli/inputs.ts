import { statSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import type { ApiClient } from './api-client.js';
import type { PromptTemplate } from './api-types.js';
import { UsageError } from './cli-errors.js';
import { resolveVideoIdPrefixes } from './short-ids.js';

/** "a, b,,c" → ["a", "b", "c"] (commander option parser; repeated options add up) */
export function commaList(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((part) => part.trim()).filter(Boolean)];
}

/** repeatable option: each occurrence is one value (prompts may contain commas) */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function positiveInt(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number < 1) {
    throw new InvalidArgumentError(`"${value}" is not a whole number of at least 1.`);
  }
  return number;
}

/** an amount in USD above 0 (a leading $ is allowed) */
export function positiveUsd(value: string): number {
  const number = Number(value.trim().replace(/^\$/, ''));
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0) throw new InvalidArgumentError(`"${value}" is not an amount in USD above 0.`);
  return number;
}

const videoIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

export type VideoRef = { kind: 'file'; path: string } | { kind: 'id'; id: string };

/**
 * `--video` takes an uploaded video's id or a local file. An existing file
 * wins; anything that cannot be an id (a dot, a slash) must be a file.
 * @throws UsageError when it is neither
 */
export function parseVideoRef(value: string): VideoRef {
  const stats = statSync(value, { throwIfNoEntry: false });
  if (stats?.isFile()) return { kind: 'file', path: value };
  if (stats?.isDirectory()) throw new UsageError(`${value} is a folder, not a video file`);
  if (videoIdPattern.test(value)) return { kind: 'id', id: value };
  throw new UsageError(`${value}: no such file (and not a video id)`);
}

/** Finds a template by id or by its name (any case). @throws UsageError listing the known ids */
export function findTemplate(templates: PromptTemplate[], name: string): PromptTemplate {
  const wanted = name.trim().toLowerCase();
  const found = templates.find((t) => t.id.toLowerCase() === wanted) ?? templates.find((t) => t.name.toLowerCase() === wanted);
  if (!found) throw new UsageError(`unknown template "${name}" (known: ${templates.map((t) => t.id).join(', ')})`);
  return found;
}

/**
 * The prompts of a request: free texts first, then the named templates'
 * prompts (fetched from the server only when templates are named).
 */
export async function resolvePrompts(client: ApiClient, texts: string[], templateNames: string[]): Promise<string[]> {
  const prompts = texts.map((t) => t.trim()).filter(Boolean);
  if (templateNames.length > 0) {
    const templates = await client.prompts();
    for (const name of templateNames) prompts.push(findTemplate(templates, name).prompt);
  }
  return prompts;
}

/**
 * Turns `--video` values into video ids (a unique prefix is enough), uploading
 * the local files first (every value is checked before anything is uploaded).
 */
export async function resolveVideoIds(
  client: ApiClient,
  values: string[],
  upload: (paths: string[]) => Promise<{ id: string; filename: string }[]>,
): Promise<{ ids: string[]; names: Map<string, string> }> {
  const refs = values.map(parseVideoRef);
  const typedIds = refs.flatMap((ref) => (ref.kind === 'id' ? [ref.id] : []));
  const fullIds = typedIds.length > 0 ? await resolveVideoIdPrefixes(client, typedIds) : [];
  const files = refs.flatMap((ref) => (ref.kind === 'file' ? [ref.path] : []));
  const uploaded = files.length > 0 ? await upload(files) : [];
  const names = new Map<string, string>();
  let next = 0;
  let nextId = 0;
  const ids = refs.map((ref) => {
    if (ref.kind === 'id') return fullIds[nextId++]!;
    const record = uploaded[next++]!;
    names.set(record.id, record.filename);
    return record.id;
  });
  return { ids, names };
}
