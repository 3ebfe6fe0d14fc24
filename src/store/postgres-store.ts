import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { silentLogger, type Logger } from '../logging/logger.js';
import type { DatabaseSchema } from './database-schema.js';
import { postgresMigrationLock, runMigrations } from './migrations.js';
import { KyselyStore } from './sqlite-store.js';
import type { Store } from './store.js';
import { StoreError } from './store-error.js';

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:5432/database` */
  connectionString: string;
  /** tables live in this schema (created when missing); default: the server's search_path */
  schema?: string;
  /** pool size (default 10) */
  maxConnections?: number;
  logger?: Logger;
}

const INT8_OID = 20;

/**
 * 64-bit integers (identity columns, COUNT) come back from `pg` as strings;
 * every value we store fits a JavaScript number, so parse them as numbers,
 * as SQLite returns them.
 */
const typeParsers = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** Schema names go into SQL as identifiers: refuse anything but a plain name. */
function assertSchemaName(schema: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new StoreError('invalid_input', `PostgreSQL schema name "${schema}" must be lower-case letters, digits and _`);
  }
}

/** CREATE SCHEMA IF NOT EXISTS races with itself; the advisory lock makes processes starting together take turns. */
async function createSchema(pool: pg.Pool, schema: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [postgresMigrationLock]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Opens the PostgreSQL store (the same Store contract and migrations as
 * SQLite) and brings its schema up to date. Several processes may open the
 * same database at once: migrations are serialised by an advisory lock.
 *
 * @throws StoreError `database_error` when the server cannot be reached
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const logger = options.logger ?? silentLogger();
  if (options.schema !== undefined) assertSchemaName(options.schema);
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    types: typeParsers,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // an idle client losing its connection must not crash the process; the next query reports it
  pool.on('error', (error) => logger.warn({ err: error.message }, 'PostgreSQL connection lost'));
  const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (options.schema) await createSchema(pool, options.schema);
    await runMigrations(db, { logger, dialect: 'postgres' });
  } catch (error) {
    await db.destroy();
    throw error instanceof StoreError
      ? error
      : new StoreError('database_error', `cannot open the PostgreSQL store: ${(error as Error).message}`, { cause: error });
  }
  logger.debug({ schema: options.schema ?? null }, 'opened PostgreSQL store');
  return new KyselyStore(db, 'postgres');
}
