/**
 * The per-conversation lock across instances: a transaction-scoped advisory lock on a connection of its own pool,
 * held while `work` runs. PostgreSQL grants waiting requests for one lock in the order they arrived, which keeps a
 * conversation's messages in order when they reach different instances. If the instance dies, its connection drops
 * and the server releases the lock. The lock connections come from a separate pool: `work` queries through the main
 * pool, and sharing one would deadlock once every connection held a lock and waited for a free one.
 */
import type pg from 'pg';
import { ShopmateError } from '../../core/errors.ts';
import { idSchema, parseInput } from '../store-schemas.ts';
import { CONVERSATION_LOCK_NAMESPACE } from './postgres-locks.ts';

/** How long a message waits for its conversation's previous one before giving up (UNAVAILABLE: retry later). */
const LOCK_TIMEOUT = '30s';

export function postgresConversationLock(pool: pg.Pool, mapError: (e: unknown) => unknown) {
  /** Connections holding a lock right now, so closing the store can drop them (see abort). */
  const held = new Set<pg.PoolClient>();
  const withConversationLock = async function <T>(conversationId: string, work: () => Promise<T>): Promise<T> {
    const id = parseInput(idSchema, conversationId, 'conversation id');
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (e) {
      throw mapError(e);
    }
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [CONVERSATION_LOCK_NAMESPACE, id]);
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
      if ((e as { code?: string }).code === '55P03') {
        throw new ShopmateError('UNAVAILABLE', `conversation "${id}" is busy: its previous message is still being processed`, { cause: e });
      }
      throw mapError(e);
    }
    let broken: Error | undefined;
    held.add(client);
    try {
      return await work();
    } finally {
      if (held.delete(client)) {
        // Ending the transaction releases the lock; a connection that cannot end it is dropped (which releases it too).
        await client.query('COMMIT').catch((e: Error) => {
          broken = e;
        });
        client.release(broken);
      }
    }
  };
  return {
    withConversationLock,
    /**
     * Drops every connection still holding a lock (their transactions end and the locks go with them): closing the
     * store must not wait forever for a message whose work never finishes once the rest of the app has stopped.
     */
    abort(): number {
      const n = held.size;
      for (const client of held) client.release(new Error('store closed while the conversation lock was held'));
      held.clear();
      return n;
    },
  };
}
