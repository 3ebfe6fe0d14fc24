import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError, toStoreError } from './store-error.js';

export interface SqliteConnectionOptions {
  /** how long a write waits for another process's lock before failing (default 5000) */
  busyTimeoutMs?: number;
}

function isInMemory(dbPath: string): boolean {
  return dbPath === ':memory:' || dbPath.startsWith('file:');
}

/**
 * Opens (creating if needed) the SQLite file with the settings the store
 * relies on: WAL so readers never block the writer, foreign keys enforced
 * (SQLite leaves them off by default), synchronous=NORMAL (safe with WAL: a
 * process crash loses nothing committed; only a power cut can lose the last
 * commits), and a busy timeout instead of failing at once on a locked file.
 *
 * @throws StoreError when the path is empty or the file cannot be opened as a database
 */
export function openSqliteDatabase(dbPath: string, options: SqliteConnectionOptions = {}): Database.Database {
  if (dbPath.trim() === '') throw new StoreError('invalid_input', 'dbPath is empty');
  if (!isInMemory(dbPath)) {
    try {
      mkdirSync(dirname(resolve(dbPath)), { recursive: true });
    } catch (error) {
      throw new StoreError('database_error', `cannot create the folder of ${dbPath}`, { cause: error });
    }
  }
  let db: Database.Database;
  try {
    db = new Database(dbPath, { timeout: options.busyTimeoutMs ?? 5000 });
  } catch (error) {
    throw toStoreError(error, `open ${dbPath}`);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    if (db.pragma('foreign_keys', { simple: true }) !== 1) {
      throw new StoreError('database_error', 'this SQLite build cannot enforce foreign keys');
    }
    return db;
  } catch (error) {
    db.close();
    throw toStoreError(error, `open ${dbPath}`);
  }
}
