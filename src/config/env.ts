import { z } from 'zod';

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopbackHost(host: string): boolean {
  return loopbackHosts.has(host) || host.startsWith('127.');
}

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
    VIDCOMPARE_CORS_ORIGINS: optionalString,
    VIDCOMPARE_RETRY_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    VIDCOMPARE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** videos up to this size go inline in the request; larger ones through the Files API (Gemini caps inline at 20 MB) */
    VIDCOMPARE_GEMINI_INLINE_MAX_MB: z.coerce.number().min(0).max(20).default(1),
    /** uploads longer than this (seconds) are refused with 413 */
    VIDCOMPARE_MAX_DURATION_S: z.coerce.number().positive().default(10_800),
    /** uploads whose pictures have more pixels (width × height) are refused with 413; decoders refuse larger pictures too */
    VIDCOMPARE_MAX_PIXELS: z.coerce.number().int().positive().default(7680 * 4320),
    /** ffmpeg/ffprobe processes running at once, shared by uploads and jobs (default: half the cores, at least 2) */
    VIDCOMPARE_MEDIA_PROCESSES: z.coerce.number().int().min(1).max(64).optional(),
    GEMINI_API_KEY: optionalString,
    GOOGLE_API_KEY: optionalString,
    GOOGLE_GEMINI_BASE_URL: optionalString,
    OPENAI_API_KEY: optionalString,
    OPENAI_BASE_URL: optionalString,
    ANTHROPIC_API_KEY: optionalString,
    ANTHROPIC_BASE_URL: optionalString,
    FFMPEG_PATH: optionalString,
    FFPROBE_PATH: optionalString,
  })
  .superRefine((env, ctx) => {
    if (!isLoopbackHost(env.HOST) && !env.VIDCOMPARE_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['VIDCOMPARE_TOKEN'],
        message: `HOST=${env.HOST} is not a loopback address: set VIDCOMPARE_TOKEN so the API is not open to the network`,
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses the environment once. Throws a ConfigError whose message is one line
 * naming the offending variable(s).
 */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.join('.') || 'environment';
    return issue.code === 'custom' ? issue.message : `${variable}: ${issue.message}`;
  });
  throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
}
