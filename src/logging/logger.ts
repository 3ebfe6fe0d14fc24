import { pino, type Logger } from 'pino';

export type { Logger };

/** Paths pino blanks out wherever they appear, so secrets never reach a log line. */
const redactPaths = [
  'req.headers.authorization',
  'headers.authorization',
  'authorization',
  'apiKey',
  'api_key',
  'token',
  '*.apiKey',
  '*.api_key',
  '*.token',
  'GEMINI_API_KEY',
  'GOOGLE_API_KEY',
  'OPENAI_API_KEY',
  'ANTHROPIC_API_KEY',
  'VIDCOMPARE_TOKEN',
];

export function createLogger(level: string = 'info'): Logger {
  return pino({ level, redact: { paths: redactPaths, censor: '[redacted]' } });
}

/** A logger that writes nothing, for tests and library use. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
