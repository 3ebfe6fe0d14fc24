import type { Kysely, Selectable } from 'kysely';
import { arenaWinners, type ArenaAnswerRef, type ArenaPair, type Evaluation } from '../domain/index.js';
import type { ArenaPairsTable, DatabaseSchema } from './database-schema.js';
import { rowToEvaluation } from './row-mappers.js';
import { StoreError } from './store-error.js';
import type { ArenaPairQuery, ArenaVoteOutcome, JudgedItem } from './store.js';

/*
 * The arena's queries, as plain Kysely so every SQL dialect runs them
 * unchanged. The SQLite store delegates to these.
 */

/** Same two models on the same item, whichever is A: one pair. */
export function arenaPairKey(jobId: string, itemIndex: number, modelX: string, modelY: string): string {
  const [low, high] = [modelX, modelY].sort();
  return JSON.stringify([jobId, itemIndex, low, high]);
}

function rowToArenaPair(row: Selectable<ArenaPairsTable>): ArenaPair {
  const { pair_key: _key, winner, ...rest } = row;
  if (winner !== null && !(arenaWinners as readonly string[]).includes(winner)) {
    throw new StoreError('corrupt_row', `arena pair ${row.id}: unexpected winner "${winner}"`);
  }
  return { ...rest, winner: winner as ArenaPair['winner'] };
}

/** Answers that can be shown in the arena: finished with a non-empty text. */
export async function selectArenaAnswers(db: Kysely<DatabaseSchema>, filter: { job_id?: string; video_id?: string }): Promise<ArenaAnswerRef[]> {
  return db
    .selectFrom('model_runs')
    .innerJoin('job_items', (join) =>
      join.onRef('job_items.job_id', '=', 'model_runs.job_id').onRef('job_items.item_index', '=', 'model_runs.item_index'),
    )
    .select(['model_runs.job_id', 'model_runs.item_index', 'job_items.video_id', 'job_items.prompt', 'model_runs.model_id'])
    .where('model_runs.status', '=', 'succeeded')
    .where('model_runs.response', 'is not', null)
    .where('model_runs.response', '!=', '')
    .$if(filter.job_id !== undefined, (q) => q.where('model_runs.job_id', '=', filter.job_id!))
    .$if(filter.video_id !== undefined, (q) => q.where('job_items.video_id', '=', filter.video_id!))
    .orderBy('model_runs.job_id')
    .orderBy('model_runs.item_index')
    .orderBy('model_runs.model_id')
    .execute();
}

export async function selectArenaPair(db: Kysely<DatabaseSchema>, id: string): Promise<ArenaPair | undefined> {
  const row = await db.selectFrom('arena_pairs').selectAll().where('id', '=', id).executeTakeFirst();
  return row && rowToArenaPair(row);
}

/**
 * Stores the pair unless one already exists for the same two answers; returns
 * the stored one either way (so two requests racing get the same pair).
 */
export async function insertOrGetArenaPair(db: Kysely<DatabaseSchema>, pair: ArenaPair): Promise<ArenaPair> {
  const pair_key = arenaPairKey(pair.job_id, pair.item_index, pair.model_a, pair.model_b);
  await db
    .insertInto('arena_pairs')
    .values({ ...pair, pair_key })
    .onConflict((oc) => oc.column('pair_key').doNothing())
    .execute();
  const row = await db.selectFrom('arena_pairs').selectAll().where('pair_key', '=', pair_key).executeTakeFirstOrThrow();
  return rowToArenaPair(row);
}

/** Records the vote only if the pair exists and has none yet, in one statement. */
export async function updateArenaVote(
  db: Kysely<DatabaseSchema>,
  id: string,
  winner: NonNullable<ArenaPair['winner']>,
  votedAt: string,
): Promise<ArenaVoteOutcome> {
  const result = await db
    .updateTable('arena_pairs')
    .set({ winner, voted_at: votedAt })
    .where('id', '=', id)
    .where('winner', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows > 0n) return 'recorded';
  const exists = await db.selectFrom('arena_pairs').select('id').where('id', '=', id).executeTakeFirst();
  return exists ? 'already_voted' : 'not_found';
}

/** Pairs, newest vote (or newest pair) first. */
export async function selectArenaPairs(db: Kysely<DatabaseSchema>, query: ArenaPairQuery): Promise<ArenaPair[]> {
  const rows = await db
    .selectFrom('arena_pairs')
    .selectAll()
    .$if(query.voted === true, (q) => q.where('winner', 'is not', null))
    .$if(query.voted === false, (q) => q.where('winner', 'is', null))
    .$if(query.job_id !== undefined, (q) => q.where('job_id', '=', query.job_id!))
    .orderBy('voted_at', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .$if(query.limit !== undefined, (q) => q.limit(query.limit!))
    .execute();
  return rows.map(rowToArenaPair);
}

/** Every stored evaluation with its video and prompt (the judge's side of the evidence). */
export async function selectJudgedItems(db: Kysely<DatabaseSchema>, filter: { job_id?: string }): Promise<JudgedItem[]> {
  const rows = await db
    .selectFrom('evaluations')
    .innerJoin('job_items', (join) =>
      join.onRef('job_items.job_id', '=', 'evaluations.job_id').onRef('job_items.item_index', '=', 'evaluations.item_index'),
    )
    .selectAll('evaluations')
    .select(['job_items.video_id', 'job_items.prompt'])
    .$if(filter.job_id !== undefined, (q) => q.where('evaluations.job_id', '=', filter.job_id!))
    .orderBy('evaluations.job_id')
    .orderBy('evaluations.item_index')
    .execute();
  return rows.map(({ video_id, prompt, ...row }) => ({ video_id, prompt, evaluation: rowToEvaluation(row) as Evaluation }));
}
