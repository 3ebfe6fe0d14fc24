import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Request headers that carry credentials. */
const secretHeaders = ['authorization', 'cookie', 'x-api-key', 'proxy-authorization'];

/**
 * Paths pino blanks out wherever they appear, so secrets never reach a log
 * line at any level: headers logged under any one key (`req.headers`, the
 * multipart plugin's trace line `busboyOptions.headers`, ...) or two keys deep.
 */
const redactPaths = [
  ...secretHeaders.flatMap((name) => [`headers["${name}"]`, `*.headers["${name}"]`, `*.*.headers["${name}"]`, `["${name}"]`]),
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

/** Query parameters that carry secrets (`?token=` lets EventSource and <video> authenticate). */
const secretQueryParams = /([?&](?:token|key|api_key|apikey|access_token)=)[^&#]*/gi;

/** A URL fit for a log line: secret query values blanked. */
export function redactUrl(url: string): string {
  return url.replace(secretQueryParams, '$1[redacted]');
}

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/** Replaces Fastify's request serializer (pino serializers of the instance take precedence) so URLs are logged redacted. */
const serializers = {
  req: (req: LoggedRequest) => ({
    method: req.method,
    url: req.url === undefined ? undefined : redactUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  }),
};

/** The application's logger: JSON lines on stdout (or `destination`), secrets redacted. */
export function createLogger(level: string = 'info', destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: redactPaths, censor: '[redacted]' }, serializers };
  return destination ? pino(options, destination) : pino(options);
}

/** A logger that writes nothing, for tests and library use. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
