import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { unauthorized } from '../../core/http-errors.js';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) return /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
  const { config } = request.routeOptions;
  if (!config.tokenInQuery || (request.method !== 'GET' && request.method !== 'HEAD')) return undefined;
  const fromQuery = (request.query as Record<string, unknown> | undefined)?.token;
  return typeof fromQuery === 'string' ? fromQuery : undefined;
}

/**
 * With a token configured, every route needs `Authorization: Bearer <token>`
 * unless the route is marked public. The decision is made on the route the
 * router matched (never on the raw URL, which the router decodes differently),
 * so a route added later is protected without anyone remembering to. Only
 * routes marked `tokenInQuery` accept `?token=`. A request that matches no
 * route runs no handler and gets its 404.
 */
export function installBearerAuth(app: FastifyInstance, token: string | undefined): void {
  if (!token) return;
  app.addHook('onRequest', async (request) => {
    if (request.is404 || request.routeOptions.config.public) return;
    const given = tokenOf(request);
    if (!given || !sameSecret(given, token)) throw unauthorized();
  });
}
