/**
 * The providers' model-list endpoints, as the stand-ins answer them: Gemini
 * `GET /v1beta/models` (pages by pageToken), OpenAI `GET /v1/models`, Anthropic
 * `GET /v1/models` (pages by after_id). Each stand-in takes a `models` option
 * returning the list, or a reply standing for an outage; without it the
 * endpoint answers 404, as before discovery existed.
 */

export interface StandInModel {
  id: string;
  display_name?: string;
  /** Gemini `supportedGenerationMethods` (default: generateContent and countTokens) */
  methods?: string[];
  /** Anthropic `lifecycle` (default active) */
  lifecycle?: 'active' | 'deprecated' | 'retired';
  /** Anthropic `retires_at` (RFC 3339) */
  retires_at?: string | null;
}

/** a failure reply the list endpoint gives instead (an outage) */
export interface ListFailure {
  status: number;
  body: unknown;
}

/** may hold its answer back (a promise), to show that nothing waits for the list */
export type ModelListSource = () => readonly StandInModel[] | ListFailure | Promise<readonly StandInModel[] | ListFailure>;

export interface ListReply {
  status: number;
  body: unknown;
}

function isFailure(value: readonly StandInModel[] | ListFailure): value is ListFailure {
  return !Array.isArray(value);
}

function page<T>(items: readonly T[], start: number, size: number): { items: T[]; next: number | undefined } {
  const end = Math.min(items.length, start + Math.max(1, size));
  return { items: items.slice(start, end), next: end < items.length ? end : undefined };
}

/** `GET /v1beta/models?pageSize&pageToken` as the Gemini API answers it. */
export async function geminiModelList(source: ModelListSource, query: URLSearchParams): Promise<ListReply> {
  const listed = await source();
  if (isFailure(listed)) return listed;
  const start = Number(query.get('pageToken') ?? 0) || 0;
  const { items, next } = page(listed, start, Number(query.get('pageSize') ?? 50) || 50);
  return {
    status: 200,
    body: {
      models: items.map((m) => ({
        name: `models/${m.id}`,
        version: '001',
        displayName: m.display_name ?? m.id,
        inputTokenLimit: 1_048_576,
        outputTokenLimit: 65_536,
        supportedGenerationMethods: m.methods ?? ['generateContent', 'countTokens'],
      })),
      ...(next !== undefined ? { nextPageToken: String(next) } : {}),
    },
  };
}

/** `GET /v1/models` as OpenAI-compatible servers answer it (one page). */
export async function openAiModelList(source: ModelListSource): Promise<ListReply> {
  const listed = await source();
  if (isFailure(listed)) return listed;
  return { status: 200, body: { object: 'list', data: listed.map((m) => ({ id: m.id, object: 'model', created: 1_767_225_600, owned_by: 'stand-in' })) } };
}

/** `GET /v1/models?limit&after_id` as the Anthropic API answers it. */
export async function anthropicModelList(source: ModelListSource, query: URLSearchParams): Promise<ListReply> {
  const listed = await source();
  if (isFailure(listed)) return listed;
  const after = query.get('after_id');
  const start = after ? listed.findIndex((m) => m.id === after) + 1 : 0;
  const { items } = page(listed, start, Number(query.get('limit') ?? 20) || 20);
  const hasMore = start + items.length < listed.length;
  return {
    status: 200,
    body: {
      data: items.map((m) => ({
        type: 'model',
        id: m.id,
        display_name: m.display_name ?? m.id,
        created_at: '2026-01-01T00:00:00Z',
        lifecycle: m.lifecycle ?? 'active',
        deprecated_at: m.lifecycle && m.lifecycle !== 'active' ? '2026-06-01T00:00:00Z' : null,
        retires_at: m.retires_at ?? null,
        capabilities: null,
        line: null,
        max_input_tokens: 200_000,
        max_tokens: 64_000,
      })),
      has_more: hasMore,
      first_id: items[0]?.id ?? null,
      last_id: items.at(-1)?.id ?? null,
    },
  };
}
