import type { FastifyInstance } from 'fastify';
import { badRequest } from '../../core/http-errors.js';

/**
 * Refuses request targets other than a path (`GET /api/jobs`) or `OPTIONS *`.
 * Node hands an absolute-form target (`GET http://host/api/jobs HTTP/1.1`,
 * meant for proxies) to the router, which would serve it while every check
 * on the Host header looked at something else.
 */
export function installRequestTargetGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const target = request.raw.url ?? '';
    if (target.startsWith('/') && !target.startsWith('//')) return;
    if (target === '*' && request.method === 'OPTIONS') return;
    throw badRequest('The request target must be a path starting with "/" (absolute URLs and "//" are not accepted)');
  });
}
