/** Why a store call failed; callers branch on this, never on the message. */
export type StoreErrorCode =
  /** the store was closed before the call */
  | 'closed'
  /** a row with the same key already exists (insertVideo, createJob) */
  | 'duplicate'
  /** the row refers to something that does not exist (a run or evaluation of an unknown job/item, facts of an unknown video) */
  | 'missing_reference'
  /** the row to update does not exist (updateJob) */
  | 'not_found'
  /** the arguments cannot be stored as given (e.g. a negative limit, an item of another job) */
  | 'invalid_input'
  /** a stored row cannot be mapped back to its domain type */
  | 'corrupt_row'
  /** the database was written by a newer vidcompare (it has migrations this code does not know) */
  | 'schema_too_new'
  /** any other database failure (I/O, busy, not a database) */
  | 'database_error';

/** The one error type the store throws. The database driver's error, if any, is the `cause`. */
export class StoreError extends Error {
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, { cause: options?.cause });
    this.name = 'StoreError';
    this.code = code;
  }
}

function sqliteCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

/** PostgreSQL's SQLSTATE classes for the constraint failures, as SQLite's names. */
const postgresCodes: Record<string, string> = {
  '23505': 'SQLITE_CONSTRAINT_UNIQUE',
  '23503': 'SQLITE_CONSTRAINT_FOREIGNKEY',
  '23514': 'SQLITE_CONSTRAINT_CHECK',
  '23502': 'SQLITE_CONSTRAINT_NOTNULL',
  '22P02': 'SQLITE_CONSTRAINT_DATATYPE',
};

function postgresCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error) || !('severity' in error)) return undefined;
  return postgresCodes[String((error as { code: unknown }).code)];
}

/** Turns whatever a database call threw into a StoreError that says what went wrong in `operation`. */
export function toStoreError(error: unknown, operation: string): StoreError {
  if (error instanceof StoreError) return error;
  const code = sqliteCode(error) ?? postgresCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'SQLITE_CONSTRAINT_PRIMARYKEY':
    case 'SQLITE_CONSTRAINT_UNIQUE':
      return new StoreError('duplicate', `${operation}: already exists (${detail})`, { cause: error });
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
      return new StoreError('missing_reference', `${operation}: refers to a row that does not exist`, {
        cause: error,
      });
    case 'SQLITE_CONSTRAINT_CHECK':
    case 'SQLITE_CONSTRAINT_NOTNULL':
    case 'SQLITE_CONSTRAINT_DATATYPE':
      return new StoreError('invalid_input', `${operation}: ${detail}`, { cause: error });
    default:
      return new StoreError('database_error', `${operation}: ${detail}`, { cause: error });
  }
}
