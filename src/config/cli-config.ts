import { z } from 'zod';
import { ConfigError } from './env.js';

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

/** The environment variables the CLI's client commands read (the server's are in env.ts). */
const cliEnvSchema = z.object({
  VIDCOMPARE_SERVER: optionalString,
  VIDCOMPARE_TOKEN: optionalString,
  /** the port `npm start` / `vidcompare serve` listens on: the CLI talks to it when VIDCOMPARE_SERVER is not set */
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  VIDCOMPARE_DATA_DIR: optionalString,
  VIDCOMPARE_DEBUG: optionalString,
  NO_COLOR: z.string().optional(),
  TERM: z.string().optional(),
});

export const defaultServerUrl = 'http://127.0.0.1:8000';

export interface CliConfig {
  /** the server the client commands talk to, unless --server says otherwise */
  server: string;
  /** where `server` came from, for messages */
  serverFrom: 'VIDCOMPARE_SERVER' | 'PORT' | 'default';
  token?: string;
  /** the demo's data folder when set */
  dataDir?: string;
  /** print stack traces of errors */
  debug: boolean;
  /** what decides colours and redrawn progress bars */
  terminal: { NO_COLOR?: string; TERM?: string };
}

/**
 * Parses the CLI's settings once. The server is VIDCOMPARE_SERVER, else
 * http://127.0.0.1:$PORT (the port a local `npm start` uses), else port 8000.
 */
export function parseCliConfig(source: Record<string, string | undefined>): CliConfig {
  const result = cliEnvSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const env = result.data;
  const [server, serverFrom] = env.VIDCOMPARE_SERVER
    ? [env.VIDCOMPARE_SERVER, 'VIDCOMPARE_SERVER' as const]
    : env.PORT
      ? [`http://127.0.0.1:${env.PORT}`, 'PORT' as const]
      : [defaultServerUrl, 'default' as const];
  return {
    server,
    serverFrom,
    token: env.VIDCOMPARE_TOKEN,
    dataDir: env.VIDCOMPARE_DATA_DIR,
    debug: Boolean(env.VIDCOMPARE_DEBUG),
    terminal: { NO_COLOR: env.NO_COLOR, TERM: env.TERM },
  };
}
