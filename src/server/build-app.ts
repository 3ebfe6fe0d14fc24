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
import type { ProviderRegistry } from '../providers/provider-registry.js';
import type { RatingsService } from '../ratings/ratings-service.js';
import type { VideoLibrary } from '../videos/video-library.js';
import { installBearerAuth } from './auth.js';
import { installErrorHandler } from './error-handler.js';
import type { JobRequestLimits } from './job-request-parser.js';
import { registerArenaRoutes } from './routes/arena-routes.js';
import { registerCatalogueRoutes } from './routes/catalogue-routes.js';
import { registerCompareRoutes } from './routes/compare-routes.js';
import { registerEventRoutes } from './routes/event-routes.js';
import { registerJobRoutes } from './routes/job-routes.js';
import { registerRatingsRoutes } from './routes/ratings-routes.js';
import { registerReportRoutes } from './routes/report-routes.js';
import { registerVideoRoutes } from './routes/video-routes.js';
import { registerWorkerRoutes } from './routes/worker-routes.js';

export interface AppDeps {
  logger: Logger;
  jobs: JobService;
  events: JobEvents;
  providers: ProviderRegistry;
  library: VideoLibrary;
  limits: JobRequestLimits;
  maxUploadBytes: number;
  token?: string;
  corsOrigins: string[];
  /** folder holding the built web UI (index.html) */
  webRoot: string;
  defaultJudge: () => string | null;
  isVideoInUse(id: string): Promise<boolean>;
  workers: WorkerRegistry;
  arena: ArenaService;
  ratings: RatingsService;
}

/** Builds the HTTP app without listening, so tests can inject or listen on any port. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: deps.logger as FastifyBaseLogger, bodyLimit: 5 * 1024 * 1024 });
  installErrorHandler(app);
  const allowedOrigin = (origin: string | undefined) => (origin && deps.corsOrigins.includes(origin) ? origin : undefined);
  await app.register(cors, { origin: (origin, callback) => callback(null, allowedOrigin(origin) !== undefined) });
  await app.register(multipart, { limits: { files: 1, fileSize: deps.maxUploadBytes + 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'vidcompare API', version: '0.1.0', description: 'Compare video-understanding models side by side.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  installBearerAuth(app, deps.token);

  app.get('/health', { schema: { tags: ['health'], summary: 'Liveness' } }, async () => ({ status: 'healthy' }));
  registerVideoRoutes(app, { library: deps.library, isVideoInUse: deps.isVideoInUse });
  registerCatalogueRoutes(app, { providers: deps.providers, defaultJudge: deps.defaultJudge });
  registerCompareRoutes(app, {
    jobs: deps.jobs,
    catalogue: deps.providers.catalogue,
    providers: deps.providers,
    limits: deps.limits,
    videoExists: async (id) => (await deps.library.get(id)) !== undefined,
  });
  registerJobRoutes(app, { jobs: deps.jobs });
  registerReportRoutes(app, { jobs: deps.jobs, library: deps.library });
  registerEventRoutes(app, { jobs: deps.jobs, events: deps.events, allowedOrigin });
  registerWorkerRoutes(app, { workers: deps.workers });
  registerArenaRoutes(app, deps.arena);
  registerRatingsRoutes(app, deps.ratings);
  registerWebUi(app, deps.webRoot);
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
