import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isLoopbackHost } from '../../config/env.js';
import { misdirectedRequest } from '../../core/http-errors.js';

export interface HostGuardOptions {
  /** extra names (`name` for any port, `name:port` for one) besides the loopback ones */
  allowedHosts: string[];
}

/** The Host header as `{hostname, host}` (host keeps a non-default port), or undefined when absent or malformed. */
export function parseHostHeader(value: string | undefined): { hostname: string; host: string } | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(`http://${value}`);
    if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) return undefined;
    return { hostname: url.hostname, host: url.host };
  } catch {
    return undefined;
  }
}

/** True when `Host` names this server: a loopback name, or one of the configured names. */
export function isAllowedHost(value: string | undefined, allowedHosts: string[]): boolean {
  const parsed = parseHostHeader(value);
  if (!parsed) return false;
  if (isLoopbackHost(parsed.hostname)) return true;
  return allowedHosts.includes(parsed.hostname) || allowedHosts.includes(parsed.host);
}

/**
 * Serves only requests whose `Host` is a loopback name (127.0.0.1, localhost,
 * [::1], any port) or a configured one. Without it, any web page could reach
 * a no-token server on 127.0.0.1 through DNS rebinding: its own name, resolved
 * to 127.0.0.1, arrives here as `Host: evil.example`.
 */
export function installHostGuard(app: FastifyInstance, options: HostGuardOptions): void {
  const allowed = options.allowedHosts.map((host) => host.toLowerCase());
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (isAllowedHost(request.headers.host, allowed)) return;
    throw misdirectedRequest(
      'This server answers only to loopback host names (127.0.0.1, localhost, [::1]); add other names to VIDCOMPARE_ALLOWED_HOSTS',
    );
  });
}
