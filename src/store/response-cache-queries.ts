import type { Kysely } from 'kysely';
import type { DatabaseSchema } from './database-schema.js';
import { runInTransaction } from './run-in-transaction.js';
import type { CachedAnswer } from './store.js';

const cacheColumns = [
  'cache_key', 'video_sha256', 'provider_model', 'response', 'latency_ms', 'prepare_ms',
  'input_tokens', 'output_tokens', 'thinking_tokens', 'cost_usd', 'served_by', 'created_at',
] as const;

export async function selectCachedAnswer(db: Kysely<DatabaseSchema>, cacheKey: string): Promise<CachedAnswer | undefined> {
  const row = await db.selectFrom('response_cache').select(cacheColumns).where('cache_key', '=', cacheKey).executeTakeFirst();
  return row && { ...row };
}

/** Insert or replace: a fresh answer asked with `cache: false` refreshes the entry. */
export async function upsertCachedAnswer(db: Kysely<DatabaseSchema>, answer: CachedAnswer): Promise<void> {
  const { cache_key, ...rest } = answer;
  await db
    .insertInto('response_cache')
    .values({ cache_key, ...rest })
    .onConflict((oc) => oc.column('cache_key').doUpdateSet(rest))
    .execute();
}

export async function countCachedAnswers(db: Kysely<DatabaseSchema>, videoSha256: string): Promise<number> {
  const row = await db
    .selectFrom('response_cache')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('video_sha256', '=', videoSha256)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Deletes the video and, when no other video holds the same bytes, the cached
 * answers about those bytes, in one transaction: a cached answer never
 * outlives the last copy of its video.
 */
export async function deleteVideoWithCachedAnswers(db: Kysely<DatabaseSchema>, id: string): Promise<boolean> {
  return runInTransaction(db, async (trx) => {
    const video = await trx.selectFrom('videos').select('sha256').where('id', '=', id).executeTakeFirst();
    if (!video) return false;
    await trx.deleteFrom('videos').where('id', '=', id).execute();
    const twin = await trx.selectFrom('videos').select('id').where('sha256', '=', video.sha256).executeTakeFirst();
    if (!twin) await trx.deleteFrom('response_cache').where('video_sha256', '=', video.sha256).execute();
    return true;
  });
}
