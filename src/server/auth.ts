import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { unauthorized } from './http-errors.js';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * With a token configured, every /api route needs `Authorization: Bearer <token>`.
 * EventSource cannot set headers, so SSE and media GETs may pass `?token=` instead.
 */
export function installBearerAuth(app: FastifyInstance, token: string | undefined): void {
  if (!token) return;
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const header = request.headers.authorization;
    const fromHeader = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const fromQuery = request.method === 'GET' ? (request.query as Record<string, unknown> | undefined)?.token : undefined;
    const given = fromHeader ?? (typeof fromQuery === 'string' ? fromQuery : undefined);
    if (!given || !sameSecret(given, token)) throw unauthorized();
  });
}
