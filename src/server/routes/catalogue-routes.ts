import type { FastifyInstance } from 'fastify';
import { promptTemplates } from '../../domain/index.js';
import type { ProviderRegistry } from '../../providers/provider-registry.js';

/** What can be compared: the models (with availability) and the suggested prompts. */
export function registerCatalogueRoutes(app: FastifyInstance, deps: { providers: ProviderRegistry; defaultJudge: () => string | null }): void {
  app.get('/api/models', { schema: { tags: ['catalogue'], summary: 'Model ids, with provider, availability and why not' } }, async () => {
    const details = deps.providers.describeAll();
    return {
      models: details.filter((d) => d.role === 'answer').map((d) => d.id),
      details,
      default_judge: deps.defaultJudge(),
      default_models: deps.providers.defaultModelSet(),
    };
  });

  app.get('/api/prompts', { schema: { tags: ['catalogue'], summary: 'Suggested prompt templates' } }, async () => ({ prompts: promptTemplates }));
}
