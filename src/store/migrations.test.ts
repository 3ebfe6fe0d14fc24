import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeJob } from './__fixtures__/store-test-data.js';
import type { DatabaseSchema } from './database-schema.js';
import { openSqliteStore, StoreError } from './index.js';
import { migrations, runMigrations, type Migration } from './migrations.js';

let dir: string;
let dbPath: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vidcompare-migrations-'));
  dbPath = join(dir, 'vidcompare.db');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function readRaw<T>(body: (raw: Database.Database) => T): T {
  const raw = new Database(dbPath);
  try {
    return body(raw);
  } finally {
    raw.close();
  }
}

function tables(raw: Database.Database): string[] {
  return (raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map(
    (row) => row.name,
  );
}

async function withKysely<T>(body: (db: Kysely<DatabaseSchema>) => Promise<T>): Promise<T> {
  const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: new Database(dbPath) }) });
  try {
    return await body(db);
  } finally {
    await db.destroy();
  }
}

async function errorOf(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

/** a version after every real migration, for test-only ones */
const nextVersion = migrations.at(-1)!.version + 1;

describe('migrations', () => {
  it('applies every migration once and is a no-op when the store is reopened', async () => {
    const first = await openSqliteStore({ dbPath });
    await first.createJob(makeJob('j1'));
    await first.close();
    const recorded = readRaw((raw) => raw.prepare('SELECT version, name, applied_at FROM migrations ORDER BY version').all());
    expect(recorded.map((row) => (row as { version: number }).version)).toStrictEqual(migrations.map((m) => m.version));

    const second = await openSqliteStore({ dbPath });
    expect((await second.getJob('j1'))?.id).toBe('j1');
    await second.close();
    expect(readRaw((raw) => raw.prepare('SELECT version, name, applied_at FROM migrations ORDER BY version').all())).toStrictEqual(
      recorded,
    );
    expect(await withKysely((db) => runMigrations(db))).toStrictEqual([]);
  });

  it('applies only the new migrations to an existing database', async () => {
    await (await openSqliteStore({ dbPath })).close();
    const next: Migration = { version: nextVersion, name: 'add notes', statements: ['ALTER TABLE jobs ADD COLUMN notes TEXT'] };
    expect(await withKysely((db) => runMigrations(db, { migrations: [...migrations, next] }))).toStrictEqual([nextVersion]);
    expect(await withKysely((db) => runMigrations(db, { migrations: [...migrations, next] }))).toStrictEqual([]);
    const columns = readRaw((raw) => (raw.pragma('table_info(jobs)') as { name: string }[]).map((c) => c.name));
    expect(columns).toContain('notes');
  });

  it('rolls back every statement of a failed run', async () => {
    const broken: Migration = { version: nextVersion, name: 'broken', statements: ['CREATE TABLE extra (x INTEGER)', 'NOT SQL AT ALL'] };
    const error = await errorOf(withKysely((db) => runMigrations(db, { migrations: [...migrations, broken] })));
    expect(error.code).toBe('database_error');
    expect(readRaw(tables)).toStrictEqual([]);

    // the valid migrations still apply afterwards
    expect(await withKysely((db) => runMigrations(db))).toStrictEqual(migrations.map((m) => m.version));
  });

  it('refuses a database written by a newer version, and leaves it untouched', async () => {
    await (await openSqliteStore({ dbPath })).close();
    readRaw((raw) => raw.prepare(`INSERT INTO migrations (version, name, applied_at) VALUES (999, 'future', 'x')`).run());
    const error = await errorOf(openSqliteStore({ dbPath }));
    expect(error.code).toBe('schema_too_new');
    expect(readRaw((raw) => raw.prepare('SELECT count(*) AS n FROM migrations').get())).toStrictEqual({
      n: migrations.length + 1,
    });
  });

  it('refuses a migration list that does not ascend', async () => {
    const list: Migration[] = [
      { version: 2, name: 'b', statements: [] },
      { version: 1, name: 'a', statements: [] },
    ];
    expect((await errorOf(withKysely((db) => runMigrations(db, { migrations: list })))).code).toBe('invalid_input');
  });

  it('reports a file that is not a database as a StoreError', async () => {
    await writeFile(dbPath, 'this is not an sqlite file, just text that is long enough to have a header '.repeat(10));
    expect((await errorOf(openSqliteStore({ dbPath }))).code).toBe('database_error');
  });
});
