import { sql, type Kysely } from 'kysely';
import type { Logger } from '../logging/logger.js';
import type { DatabaseSchema } from './database-schema.js';
import { initialSchema } from './migration-001-initial-schema.js';
import { toPostgresStatement, type SqlDialectName } from './sql-dialect.js';
import { arenaSchema } from './migration-002-arena.js';
import { responseCacheSchema } from './migration-003-response-cache.js';
import { StoreError, toStoreError } from './store-error.js';

/** One schema change. Versions are applied in ascending order, each exactly once. */
export interface Migration {
  version: number;
  name: string;
  /**
   * SQL statements in SQLite's dialect, one per string (SQLite prepares one
   * statement at a time); PostgreSQL gets them through toPostgresStatement.
   */
  statements: readonly string[];
  /** extra statements PostgreSQL needs for the same schema (what SQLite has built in, e.g. rowid) */
  postgresOnly?: readonly string[];
}

/** Every migration, oldest first. Append new ones; never edit an applied one. */
export const migrations: readonly Migration[] = [initialSchema, arenaSchema, responseCacheSchema];

export interface RunMigrationsOptions {
  logger?: Logger;
  /** defaults to {@link migrations}; tests pass their own list */
  migrations?: readonly Migration[];
  /** ISO timestamp recorded with each applied migration */
  now?: () => string;
  /** default 'sqlite' */
  dialect?: SqlDialectName;
}

/** The statements a migration runs on a dialect. */
export function statementsFor(migration: Migration, dialect: SqlDialectName): string[] {
  if (dialect === 'sqlite') return [...migration.statements];
  return [...migration.statements.map(toPostgresStatement), ...(migration.postgresOnly ?? [])];
}

// any constant works: it only has to be the same in every process migrating the same database
export const postgresMigrationLock = 0x76_69_64_63; // "vidc"

/** Opens the migration transaction holding the database-wide lock that serialises migrating processes. */
async function beginExclusive(conn: Kysely<DatabaseSchema>, dialect: SqlDialectName): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`BEGIN IMMEDIATE`.execute(conn);
    return;
  }
  await sql`BEGIN`.execute(conn);
  await sql`SELECT pg_advisory_xact_lock(${postgresMigrationLock})`.execute(conn);
}

function assertAscending(list: readonly Migration[]): void {
  list.forEach((migration, index) => {
    const previous = list[index - 1];
    if (!Number.isInteger(migration.version) || migration.version < 1) {
      throw new StoreError('invalid_input', `migration "${migration.name}" has an invalid version ${migration.version}`);
    }
    if (previous && migration.version <= previous.version) {
      throw new StoreError('invalid_input', `migration versions must ascend: ${previous.version} then ${migration.version}`);
    }
  });
}

/**
 * Brings the schema up to date in one transaction and records each applied
 * version in the `migrations` table. Running it again applies nothing.
 * `BEGIN IMMEDIATE` (SQLite) or a transaction-scoped advisory lock
 * (PostgreSQL) is taken before the applied versions are read, so two
 * processes opening the same database cannot both apply a migration.
 *
 * @returns the versions applied by this call (empty when already up to date)
 * @throws StoreError `schema_too_new` when the database has a version this code does not know
 */
export async function runMigrations(
  db: Kysely<DatabaseSchema>,
  options: RunMigrationsOptions = {},
): Promise<number[]> {
  const list = options.migrations ?? migrations;
  const now = options.now ?? (() => new Date().toISOString());
  const dialect = options.dialect ?? 'sqlite';
  assertAscending(list);

  return db.connection().execute(async (conn) => {
    await beginExclusive(conn, dialect);
    try {
      const createLedger = `CREATE TABLE IF NOT EXISTS migrations (
        version INTEGER NOT NULL PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at TEXT NOT NULL
      ) STRICT`;
      await sql.raw(dialect === 'sqlite' ? createLedger : toPostgresStatement(createLedger)).execute(conn);
      const rows = await conn.selectFrom('migrations').select('version').execute();
      const applied = new Set(rows.map((row) => Number(row.version)));
      const known = new Set(list.map((migration) => migration.version));
      const unknown = [...applied].filter((version) => !known.has(version));
      if (unknown.length > 0) {
        throw new StoreError(
          'schema_too_new',
          `the database has schema version(s) ${unknown.join(', ')} unknown to this vidcompare; upgrade vidcompare or use another data folder`,
        );
      }
      const pending = list.filter((migration) => !applied.has(migration.version));
      for (const migration of pending) {
        for (const statement of statementsFor(migration, dialect)) {
          await sql.raw(statement).execute(conn);
        }
        await conn
          .insertInto('migrations')
          .values({ version: migration.version, name: migration.name, applied_at: now() })
          .execute();
      }
      await sql`COMMIT`.execute(conn);
      if (pending.length > 0) {
        options.logger?.info({ versions: pending.map((m) => m.version) }, 'applied database migrations');
      }
      return pending.map((migration) => migration.version);
    } catch (error) {
      try {
        await sql`ROLLBACK`.execute(conn);
      } catch (rollbackError) {
        // SQLite rolls back by itself after some failures; the original error is the one to report.
        options.logger?.warn({ err: rollbackError }, 'rollback after a failed migration failed');
      }
      throw toStoreError(error, 'migrate database');
    }
  });
}
