import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * True only for literal loopback addresses (127.0.0.0/8, ::1) and `localhost`.
 * Names are not resolved: `127.0.0.1.nip.io` is a public DNS name, not loopback.
 */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (name === 'localhost') return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  if (isIP(name) === 6) return name === '::1' || name === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(name);
  return false;
}

/** The seed page's own origins (Next.js on port 3000): allowed when VIDCOMPARE_CORS_ORIGINS is unset. */
export const defaultCorsOrigins = ['http://localhost:3000', 'http://127.0.0.1:3000'];

function commaList(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return value.split(',').map((item) => item.trim()).filter(Boolean);
}

/** `scheme://host[:port]`, exactly as browsers send it in `Origin` (no path, no trailing slash). */
const corsOriginsSchema = z
  .string()
  .optional()
  .transform((value) => commaList(value) ?? defaultCorsOrigins)
  .pipe(z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'each origin must look like http://host:port (no path, no trailing slash)')));

/** Host names (optionally `name:port`) served besides the loopback ones, e.g. behind a reverse proxy. */
const allowedHostsSchema = z
  .string()
  .optional()
  .transform((value) => (commaList(value) ?? []).map((host) => host.toLowerCase()))
  .pipe(z.array(z.string().regex(/^(?:\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d{1,5})?$/, 'each entry must be a host name or name:port')));

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

/** Every environment variable the application reads, in one place. */
export const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(8000),
    HOST: z.string().min(1).default('127.0.0.1'),
    VIDCOMPARE_DATA_DIR: z.string().min(1).default('./data'),
    VIDCOMPARE_TOKEN: optionalString,
    VIDCOMPARE_MAX_UPLOAD_MB: z.coerce.number().positive().default(500),
    VIDCOMPARE_JUDGE_MODEL: optionalString,
    VIDCOMPARE_MODELS_FILE: optionalString,
    VIDCOMPARE_MAX_COMBINATIONS: z.coerce.number().int().positive().default(500),
    VIDCOMPARE_MAX_PROMPT_CHARS: z.coerce.number().int().positive().default(20000),
    /** origins allowed to call the API from a browser (and to send state-changing requests) */
    VIDCOMPARE_CORS_ORIGINS: corsOriginsSchema,
    /** extra Host names served in no-token mode; with a token, setting it turns the Host check on */
    VIDCOMPARE_ALLOWED_HOSTS: allowedHostsSchema,
    VIDCOMPARE_RETRY_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    /** per-attempt limit of one provider call (upload, frames and answer), sized for long videos; a timeout is retried */
    VIDCOMPARE_PROVIDER_TIMEOUT_S: z.coerce.number().positive().max(24 * 3600).default(600),
    VIDCOMPARE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** videos up to this size go inline in the request; larger ones through the Files API (Gemini caps inline at 20 MB) */
    VIDCOMPARE_GEMINI_INLINE_MAX_MB: z.coerce.number().min(0).max(20).default(1),
    /** how often a Gemini batch (`"mode": "batch"`) is polled for its answers, in seconds */
    VIDCOMPARE_GEMINI_BATCH_POLL_S: z.coerce.number().positive().max(3600).default(30),
    /** uploads longer than this (seconds) are refused with 413 */
    VIDCOMPARE_MAX_DURATION_S: z.coerce.number().positive().default(10_800),
    /** uploads whose pictures have more pixels (width × height) are refused with 413; decoders refuse larger pictures too */
    VIDCOMPARE_MAX_PIXELS: z.coerce.number().int().positive().default(7680 * 4320),
    /** ffmpeg/ffprobe processes running at once, shared by uploads and jobs (default: half the cores, at least 2) */
    VIDCOMPARE_MEDIA_PROCESSES: z.coerce.number().int().min(1).max(64).optional(),
    /** account-wide USD per UTC day: no answer call starts once today's spend plus the running calls' estimates would pass it */
    VIDCOMPARE_DAILY_BUDGET_USD: optionalString.transform((value) => (value === undefined ? undefined : Number(value))).pipe(z.number().positive('must be a positive amount in USD').optional()),
    GEMINI_API_KEY: optionalString,
    GOOGLE_API_KEY: optionalString,
    GOOGLE_GEMINI_BASE_URL: optionalString,
    OPENAI_API_KEY: optionalString,
    OPENAI_BASE_URL: optionalString,
    ANTHROPIC_API_KEY: optionalString,
    ANTHROPIC_BASE_URL: optionalString,
    FFMPEG_PATH: optionalString,
    FFPROBE_PATH: optionalString,
    /** set: PostgreSQL store instead of SQLite (distributed deployment) */
    VIDCOMPARE_DATABASE_URL: optionalString.refine((url) => url === undefined || /^postgres(ql)?:\/\//.test(url), {
      message: 'VIDCOMPARE_DATABASE_URL must be a postgres:// or postgresql:// URL',
    }),
    /** PostgreSQL schema holding the tables (created when missing); default: the server's search_path */
    VIDCOMPARE_DATABASE_SCHEMA: optionalString.refine((name) => name === undefined || /^[a-z_][a-z0-9_]{0,62}$/.test(name), {
      message: 'VIDCOMPARE_DATABASE_SCHEMA must be lower-case letters, digits and _',
    }),
    /** set: work units go through BullMQ on Redis to workers; events, cancellation and heartbeats through Redis */
    VIDCOMPARE_REDIS_URL: optionalString.refine((url) => url === undefined || /^rediss?:\/\//.test(url), {
      message: 'VIDCOMPARE_REDIS_URL must be a redis:// or rediss:// URL',
    }),
    /** Redis key prefix, so several deployments (or test runs) can share one Redis */
    VIDCOMPARE_REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only').default('vidcompare'),
    /** a unit whose worker stops renewing its lock for this long is retried by another worker */
    VIDCOMPARE_WORKER_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
    /** set: video bytes and thumbnails live in this S3 bucket instead of the data folder (shared by every API node and worker) */
    VIDCOMPARE_S3_BUCKET: optionalString.refine((name) => name === undefined || /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name), {
      message: 'VIDCOMPARE_S3_BUCKET must be an S3 bucket name (3-63 lower-case letters, digits, dots and hyphens)',
    }),
    /** an S3-compatible server (MinIO, …), e.g. http://minio:9000; unset: AWS S3 */
    VIDCOMPARE_S3_ENDPOINT: optionalString.refine((url) => url === undefined || /^https?:\/\/[^/\s]+\/?$/.test(url), {
      message: 'VIDCOMPARE_S3_ENDPOINT must be an http(s)://host[:port] URL',
    }),
    VIDCOMPARE_S3_REGION: z.string().trim().min(1).default('us-east-1'),
    /** `endpoint/bucket/key` URLs (MinIO and most S3-compatible servers need this) */
    VIDCOMPARE_S3_FORCE_PATH_STYLE: z
      .enum(['true', 'false', '1', '0', ''])
      .optional()
      .transform((value) => value === 'true' || value === '1'),
    /** key prefix of the video objects inside the bucket */
    VIDCOMPARE_S3_PREFIX: z.string().regex(/^([A-Za-z0-9_.-]+\/)*$/, 'folder names ending in /, e.g. videos/ (or empty)').default('videos/'),
    /** S3 credentials; unset: the AWS SDK's default chain (instance role, ~/.aws) */
    AWS_ACCESS_KEY_ID: optionalString,
    AWS_SECRET_ACCESS_KEY: optionalString,
    /** local copies of videos fetched from S3 for ffmpeg; least recently used files beyond this are removed */
    VIDCOMPARE_BLOB_CACHE_MB: z.coerce.number().positive().default(10_240),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.AWS_ACCESS_KEY_ID) !== Boolean(env.AWS_SECRET_ACCESS_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: ['AWS_SECRET_ACCESS_KEY'],
        message: 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set together or not at all',
      });
    }
    if (!isLoopbackHost(env.HOST) && !env.VIDCOMPARE_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['VIDCOMPARE_TOKEN'],
        message: `HOST=${env.HOST} is not a loopback address: set VIDCOMPARE_TOKEN so the API is not open to the network`,
      });
    }
  });

/**
 * The parsed configuration. `namedApiKeys` holds every `*_API_KEY` variable, for
 * catalogue models that name their key with `options.api_key_env`.
 */
export type Env = z.infer<typeof envSchema> & { namedApiKeys: Readonly<Record<string, string>> };

const apiKeyVariable = /^[A-Z][A-Z0-9_]*_API_KEY$/;

function namedApiKeys(source: Record<string, string | undefined>): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) {
    if (apiKeyVariable.test(name) && value && value.trim() !== '') keys[name] = value.trim();
  }
  return keys;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses the environment once. Throws a ConfigError whose message is one line
 * naming the offending variable(s).
 */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return { ...result.data, namedApiKeys: namedApiKeys(source) };
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.join('.') || 'environment';
    return issue.code === 'custom' ? issue.message : `${variable}: ${issue.message}`;
  });
  throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
}
