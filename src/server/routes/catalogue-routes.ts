import type { FastifyInstance } from 'fastify';
import { promptTemplates, type ModelsResponse } from '../../domain/index.js';
import type { ModelDiscovery } from '../../providers/model-discovery.js';
import type { ProviderRegistry } from '../../providers/provider-registry.js';

/** What can be compared: the models (with availability) and the suggested prompts. */
export function registerCatalogueRoutes(
  app: FastifyInstance,
  deps: { providers: ProviderRegistry; defaultJudge: () => string | null; discovery?: Pick<ModelDiscovery, 'refresh'> },
): void {
  const describe = (): ModelsResponse => {
    const details = deps.providers.describeAll();
    return {
      models: details.filter((d) => d.role === 'answer').map((d) => d.id),
      details,
      default_judge: deps.defaultJudge(),
      default_models: deps.providers.defaultModelSet(),
    };
  };

  app.get('/api/models', { schema: { tags: ['catalogue'], summary: 'Model ids, with provider, availability and why not' } }, async () => describe());

  app.post(
    '/api/models/refresh',
    { schema: { tags: ['catalogue'], summary: 'Ask each configured provider for its model list now; answers with GET /api/models once they replied' } },
    async () => {
      // a failed list is not an error of this request: it shows in details[].reason and the last good list stays
      await deps.discovery?.refresh();
      return describe();
    },
  );

  app.get('/api/prompts', { schema: { tags: ['catalogue'], summary: 'Suggested prompt templates' } }, async () => ({ prompts: promptTemplates }));
}
