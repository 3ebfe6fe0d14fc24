import { existsSync } from 'node:fs';
import cors from '@fastify/cors';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { ArenaService } from '../arena/arena-service.js';
import type { JobEvents } from '../jobs/job-events.js';
import type { JobService } from '../jobs/job-service.js';
import type { WorkerRegistry } from '../jobs/worker-registry.js';
import type { Logger } from '../logging/logger.js';
import type { ModelDiscovery } from '../providers/model-discovery.js';
import type { ProviderRegistry } from '../providers/provider-registry.js';
import type { RatingsService } from '../ratings/ratings-service.js';
import type { VideoLibrary } from '../videos/video-library.js';
import { answerFrameworkError, installErrorHandler } from './error-handler.js';
import type { JobRequestLimits } from './job-request-parser.js';
import { registerArenaRoutes } from './routes/arena-routes.js';
import { registerCatalogueRoutes } from './routes/catalogue-routes.js';
import { registerCompareRoutes } from './routes/compare-routes.js';
import { registerEstimateRoutes } from './routes/estimate-routes.js';
import { registerEventRoutes } from './routes/event-routes.js';
import { registerJobRoutes } from './routes/job-routes.js';
import { registerRatingsRoutes } from './routes/ratings-routes.js';
import { registerReportRoutes } from './routes/report-routes.js';
import { registerVideoRoutes } from './routes/video-routes.js';
import { registerWorkerRoutes } from './routes/worker-routes.js';
import { installBearerAuth } from './security/bearer-auth.js';
import { installCrossSiteGuard } from './security/cross-site-guard.js';
import { installHostGuard } from './security/host-guard.js';
import { installRequestTargetGuard } from './security/request-target-guard.js';
import { closeUnusedConnectionsOnClose } from './unused-connections.js';
import { markRoutesPublic, publicRoute } from './security/route-access.js';
import type { JobEstimator } from '../jobs/budget-estimator.js';

export interface AppDeps {
  logger: Logger;
  jobs: JobService;
  events: JobEvents;
  providers: ProviderRegistry;
  /** live model discovery; without it POST /api/models/refresh has nothing to ask */
  discovery?: Pick<ModelDiscovery, 'refresh'>;
  library: VideoLibrary;
  limits: JobRequestLimits;
  maxUploadBytes: number;
  token?: string;
  /** origins a browser may call the API from (CORS), also allowed to send state-changing requests */
  corsOrigins: string[];
  /** Host names served besides the loopback ones; without a token only these and loopback are served */
  allowedHosts?: string[];
  /** folder holding the built web UI (index.html) */
  webRoot: string;
  defaultJudge: () => string | null;
  isVideoInUse(id: string): Promise<boolean>;
  workers: WorkerRegistry;
  arena: ArenaService;
  ratings: RatingsService;
  estimator: JobEstimator;
}

/**
 * Builds the HTTP app without listening, so tests can inject or listen on any port.
 *
 * Every request passes, in order: the request-target guard (paths only), the
 * Host guard (loopback names or configured ones; always without a token),
 * CORS (answers preflights), the cross-site guard (state-changing requests
 * from foreign origins, non-JSON bodies) and the bearer token check, decided
 * on the matched route: every route needs the token unless marked public.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  // requestTimeout: a request (a 500 MB upload included) must arrive whole within 15 min, so a stalled body is dropped (408);
  // no socket idle timeout (connectionTimeout), which would also cut the waiting POST /api/compare and quiet SSE streams.
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: 5 * 1024 * 1024,
    requestTimeout: 15 * 60_000,
    connectionTimeout: 0,
    frameworkErrors: answerFrameworkError,
  });
  installErrorHandler(app);
  closeUnusedConnectionsOnClose(app);
  installRequestTargetGuard(app);
  const allowedHosts = deps.allowedHosts ?? [];
  if (!deps.token || allowedHosts.length > 0) installHostGuard(app, { allowedHosts });
  const allowedOrigin = (origin: string | undefined) => (origin && deps.corsOrigins.includes(origin) ? origin : undefined);
  await app.register(cors, {
    origin: (origin, callback) => callback(null, allowedOrigin(origin) !== undefined),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
  });
  installCrossSiteGuard(app, { corsOrigins: deps.corsOrigins });
  installBearerAuth(app, deps.token);
  await app.register(multipart, { limits: { files: 1, fileSize: deps.maxUploadBytes + 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'vidcompare API', version: '0.1.0', description: 'Compare video-understanding models side by side.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(async (publicScope) => {
    markRoutesPublic(publicScope);
    await publicScope.register(swaggerUi, { routePrefix: '/docs' });
    registerWebUi(publicScope, deps.webRoot);
  });

  app.get('/health', { config: publicRoute, schema: { tags: ['health'], summary: 'Liveness' } }, async () => ({ status: 'healthy' }));
  registerVideoRoutes(app, { library: deps.library, isVideoInUse: deps.isVideoInUse });
  const jobRequestDeps = {
    catalogue: deps.providers.catalogue,
    providers: deps.providers,
    limits: deps.limits,
    videoExists: async (id: string) => (await deps.library.get(id)) !== undefined,
  };
  registerCompareRoutes(app, { ...jobRequestDeps, jobs: deps.jobs, estimator: deps.estimator });
  registerEstimateRoutes(app, { ...jobRequestDeps, estimator: deps.estimator });
  registerCatalogueRoutes(app, { providers: deps.providers, defaultJudge: deps.defaultJudge, discovery: deps.discovery });
  registerJobRoutes(app, { jobs: deps.jobs, catalogue: deps.providers.catalogue, providers: deps.providers });
  registerReportRoutes(app, { jobs: deps.jobs, library: deps.library });
  registerEventRoutes(app, { jobs: deps.jobs, events: deps.events, allowedOrigin });
  registerWorkerRoutes(app, { workers: deps.workers });
  registerArenaRoutes(app, deps.arena);
  registerRatingsRoutes(app, deps.ratings);
  return app;
}

function registerWebUi(app: FastifyInstance, webRoot: string): void {
  if (existsSync(`${webRoot}/index.html`)) {
    app.register(fastifyStatic, { root: webRoot, index: ['index.html'], wildcard: false });
    return;
  }
  app.get('/', async (_request, reply) =>
    reply
      .type('text/html')
      .send('<!doctype html><title>vidcompare</title><p>vidcompare API is running. The web UI is not built: run <code>npm run build:web</code>. API docs at <a href="/docs">/docs</a>.</p>'),
  );
}
