import { sql, type Kysely } from 'kysely';

/**
 * Runs `body` in one SQLite transaction on one connection. Unlike Kysely's
 * `transaction()`, a failure keeps its own error: when the disk is full
 * (SQLITE_FULL) or an I/O error strikes, SQLite rolls the transaction back by
 * itself, and Kysely's ROLLBACK then throws "cannot rollback - no transaction
 * is active", hiding why the write failed.
 */
export async function runInTransaction<DB, T>(db: Kysely<DB>, body: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    await sql`begin`.execute(connection);
    try {
      const result = await body(connection);
      await sql`commit`.execute(connection);
      return result;
    } catch (error) {
      // a failed ROLLBACK only means SQLite has already rolled back: the first error says why
      await sql`rollback`.execute(connection).catch(() => undefined);
      throw error;
    }
  });
}
