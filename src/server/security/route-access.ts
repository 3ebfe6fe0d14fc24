import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** served without the bearer token (liveness, API docs, the web UI's files); every other route needs it */
    public?: boolean;
    /**
     * the token may come as `?token=`, for URLs a browser loads by itself and so
     * cannot add a header to: EventSource streams, <video>, <img>, download links
     */
    tokenInQuery?: boolean;
    /** the body is multipart/form-data; every other state-changing route takes JSON (or nothing) */
    multipart?: boolean;
  }
}

/** Route config of a route anyone may call, token or not. */
export const publicRoute = { public: true } as const;
/** Route config of a route whose token may come as `?token=`. */
export const tokenInQueryRoute = { tokenInQuery: true } as const;

/** Marks every route registered from now on in `scope` (and its children) public. */
export function markRoutesPublic(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route) => {
    route.config = { ...route.config, public: true };
  });
}
