import { sql, type Kysely } from 'kysely';
import type { DatabaseSchema } from './database-schema.js';
import type { SpendFilter, SpendSummary } from './store.js';

/**
 * Money spent (actual costs of finished answers, not counting answers reused from the cache) and money in flight (the
 * estimates of answers admitted and still running), of one job or of every
 * job, optionally only of answers finished since a time.
 */
export async function querySpend(db: Kysely<DatabaseSchema>, filter: SpendFilter): Promise<SpendSummary> {
  const spent = await db
    .selectFrom('model_runs')
    .select(sql<number | null>`SUM(cost_usd)`.as('total'))
    .where('status', 'in', ['succeeded', 'failed'])
    // an answer reused from the response cache made no call: its cost was spent once, by the original
    .where('cached_at', 'is', null)
    .$if(filter.jobId !== undefined, (q) => q.where('job_id', '=', filter.jobId!))
    .$if(filter.finishedSince !== undefined, (q) => q.where('finished_at', '>=', filter.finishedSince!))
    .executeTakeFirst();
  const inFlight = await db
    .selectFrom('model_runs')
    .select(sql<number | null>`SUM(estimated_cost_usd)`.as('total'))
    .where('status', '=', 'running')
    .$if(filter.jobId !== undefined, (q) => q.where('job_id', '=', filter.jobId!))
    .executeTakeFirst();
  return { spent_usd: Number(spent?.total ?? 0), in_flight_usd: Number(inFlight?.total ?? 0) };
}

/** Mean output tokens (thinking included, as billed) of each model's latest `sampleSize` succeeded answers. */
export async function queryRecentOutputTokens(db: Kysely<DatabaseSchema>, modelIds: readonly string[], sampleSize: number): Promise<Map<string, number>> {
  const averages = new Map<string, number>();
  for (const modelId of new Set(modelIds)) {
    const rows = await db
      .selectFrom('model_runs')
      .select(['output_tokens', 'thinking_tokens'])
      .where('model_id', '=', modelId)
      .where('status', '=', 'succeeded')
      .where('output_tokens', 'is not', null)
      .where('cached_at', 'is', null)
      .orderBy('finished_at', 'desc')
      .limit(sampleSize)
      .execute();
    if (rows.length === 0) continue;
    const total = rows.reduce((sum, row) => sum + (row.output_tokens ?? 0) + (row.thinking_tokens ?? 0), 0);
    averages.set(modelId, total / rows.length);
  }
  return averages;
}
