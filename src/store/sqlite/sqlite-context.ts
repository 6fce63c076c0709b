import type Database from 'better-sqlite3';

/** What every SQLite sub-store needs: one connection (better-sqlite3 is synchronous, so no pool) and the clocks. */
export interface SqliteContext {
  db: Database.Database;
  now: () => Date;
  newId: () => string;
}
