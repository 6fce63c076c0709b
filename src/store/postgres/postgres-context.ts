/**
 * What every PostgreSQL sub-store needs: a connection pool, the clocks, and the two ways of running several
 * statements as one unit.
 *
 * Writes run in SERIALIZABLE transactions. That keeps the check-then-write code of the SQLite store correct with
 * many connections and many instances (SQLite gets the same from its single writer): PostgreSQL aborts one of two
 * transactions whose interleaving would differ from running them one after the other, and `transaction` runs the
 * aborted one again. A unique violation is retried too: it means another transaction inserted the same key after
 * our check, and the retried check then sees that row and answers as the SQLite store would (existing record or
 * CONFLICT). Single statements (an atomic increment) run outside an explicit transaction.
 */
import type pg from 'pg';

export type Query = <R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]) => Promise<pg.QueryResult<R>>;

export interface PostgresContext {
  now: () => Date;
  newId: () => string;
  /** One statement on any pooled connection, committed on its own. */
  query: Query;
  /** `work` in one SERIALIZABLE transaction, run again (from the start) after a serialization failure. */
  transaction: <T>(work: (q: Query) => Promise<T>) => Promise<T>;
  /**
   * `work` in one READ COMMITTED transaction, for hot writes whose correctness rests on constraints and row locks
   * rather than on what the statements read (turn appends: ON CONFLICT on the message key). SERIALIZABLE gave up on
   * about 1.5 % of them under 32 concurrent customers, its predicate locks on the busy turn indexes colliding.
   */
  committed: <T>(work: (q: Query) => Promise<T>) => Promise<T>;
  /** `work` in one read-only REPEATABLE READ transaction: every statement sees the same snapshot. */
  snapshot: <T>(work: (q: Query) => Promise<T>) => Promise<T>;
}

/** serialization_failure, deadlock_detected, unique_violation (see the module comment). */
const RETRYABLE = new Set(['40001', '40P01', '23505']);
const MAX_ATTEMPTS = 12;

const isRetryable = (e: unknown) => RETRYABLE.has((e as { code?: string }).code ?? '');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function postgresContext(pool: pg.Pool, now: () => Date, newId: () => string): PostgresContext {
  const query: Query = (sql, params) => pool.query(sql, params);

  async function inTransaction<T>(begin: string, work: (q: Query) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query(begin);
      try {
        const result = await work((sql, params) => client.query(sql, params));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError; // the connection is unusable: drop it instead of returning it to the pool
        });
        throw e;
      }
    } finally {
      client.release(broken);
    }
  }

  return {
    now,
    newId,
    query,
    async transaction<T>(work: (q: Query) => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await inTransaction('BEGIN ISOLATION LEVEL SERIALIZABLE', work);
        } catch (e) {
          if (!isRetryable(e) || attempt >= MAX_ATTEMPTS) throw e;
          // Randomised, growing back-off so transactions that collided do not collide again in lockstep.
          await sleep(Math.random() * Math.min(50, 2 ** attempt));
        }
      }
    },
    async committed<T>(work: (q: Query) => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await inTransaction('BEGIN ISOLATION LEVEL READ COMMITTED', work);
        } catch (e) {
          // Only a deadlock can abort it here; the work is simply run again.
          if ((e as { code?: string }).code !== '40P01' || attempt >= MAX_ATTEMPTS) throw e;
          await sleep(Math.random() * Math.min(50, 2 ** attempt));
        }
      }
    },
    snapshot: (work) => inTransaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', work),
  };
}
