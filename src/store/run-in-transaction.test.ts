import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { runInTransaction } from './run-in-transaction.js';

interface Schema {
  t: { x: string };
}

let database: Database.Database;
afterEach(() => database?.close());

function openFull(): Kysely<Schema> {
  database = new Database(':memory:');
  database.exec('create table t (x text)');
  // a database that cannot grow by more than two pages: a real SQLITE_FULL, no tiny file system needed
  database.pragma(`max_page_count = ${Number(database.pragma('page_count', { simple: true })) + 2}`);
  return new Kysely<Schema>({ dialect: new SqliteDialect({ database }) });
}

describe('runInTransaction', () => {
  it('reports SQLITE_FULL itself, not "cannot rollback", and leaves no transaction open', async () => {
    const db = openFull();
    const failure = await runInTransaction(db, async (trx) => {
      for (let i = 0; i < 100; i++) await trx.insertInto('t').values({ x: 'a'.repeat(5000) }).execute();
    }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'SQLITE_FULL' });
    expect(database.inTransaction).toBe(false);
    expect(await db.selectFrom('t').selectAll().execute()).toEqual([]);
    // the store stays usable for writes that fit
    await runInTransaction(db, (trx) => trx.insertInto('t').values({ x: 'small' }).execute());
    expect(await db.selectFrom('t').selectAll().execute()).toEqual([{ x: 'small' }]);
  });

  it('rolls back on an error of the caller and rethrows it', async () => {
    const db = openFull();
    const failure = await runInTransaction(db, async (trx) => {
      await trx.insertInto('t').values({ x: 'kept?' }).execute();
      throw new Error('changed my mind');
    }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ message: 'changed my mind' });
    expect(await db.selectFrom('t').selectAll().execute()).toEqual([]);
  });
});
