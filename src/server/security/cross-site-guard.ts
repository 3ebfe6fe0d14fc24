import type { FastifyInstance, FastifyRequest } from 'fastify';
import { forbidden, unsupportedMediaType } from '../../core/http-errors.js';
import { parseHostHeader } from './host-guard.js';

const stateChangingMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * True when the browser-sent `Origin` names the host:port this request was
 * sent to. The scheme is left out: behind a TLS proxy the page is https while
 * this server sees http, and a page cannot choose the host it is served from.
 */
function isSameOrigin(origin: string, request: FastifyRequest): boolean {
  const host = parseHostHeader(request.headers.host);
  if (!host) return false;
  try {
    return new URL(origin).host === host.host;
  } catch {
    return false;
  }
}

function mediaTypeOf(request: FastifyRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

function hasBody(request: FastifyRequest): boolean {
  return Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
}

/**
 * State-changing requests (POST, PUT, PATCH, DELETE) are refused when a
 * browser says they come from another site (`Origin`, or `Sec-Fetch-Site`
 * when there is no Origin) unless that origin is in the CORS allow-list; and
 * their body must be JSON (multipart routes check their own), which a
 * cross-site HTML form cannot send. Together: no CSRF, even in no-token mode.
 * Clients that are not browsers (curl, the CLI) send neither header and pass.
 */
export function installCrossSiteGuard(app: FastifyInstance, options: { corsOrigins: string[] }): void {
  app.addHook('onRequest', async (request) => {
    if (!stateChangingMethods.has(request.method) || request.is404) return;
    const origin = request.headers.origin;
    if (origin !== undefined) {
      if (!isSameOrigin(origin, request) && !options.corsOrigins.includes(origin)) {
        throw forbidden(`Cross-site request refused: origin ${JSON.stringify(origin.slice(0, 100))} is not allowed (VIDCOMPARE_CORS_ORIGINS)`);
      }
    } else {
      const site = request.headers['sec-fetch-site'];
      if (site === 'cross-site' || site === 'same-site') throw forbidden('Cross-site request refused (Sec-Fetch-Site)');
    }
    if (request.routeOptions.config.multipart) return;
    const mediaType = mediaTypeOf(request);
    if (mediaType === '' && !hasBody(request)) return;
    if (mediaType !== 'application/json') {
      throw unsupportedMediaType(`Send the request body as application/json${mediaType ? ` (got ${mediaType.slice(0, 100)})` : ''}`);
    }
  });
}
