/**
 * The shared store contract against a real PostgreSQL: one throwaway server for the file (test/support/
 * throwaway-postgres.ts), a fresh database per test. Skipped, saying why, only when no PostgreSQL binary exists.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openPostgresStore } from '../../src/store/index.ts';
import { postgresUnavailableReason, startThrowawayPostgres, type ThrowawayPostgres } from '../support/throwaway-postgres.ts';
import { runStoreContract } from './store-contract.ts';

const unavailable = postgresUnavailableReason();

if (unavailable) {
  describe('Store contract: postgres', () => {
    it.skip(`skipped: ${unavailable}`, () => undefined);
  });
} else {
  let server: ThrowawayPostgres | undefined;
  beforeAll(async () => {
    server = await startThrowawayPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });
  let n = 0;
  runStoreContract('postgres', async ({ now }) => {
    if (!server) throw new Error('the throwaway PostgreSQL did not start');
    return openPostgresStore({ url: await server.createDatabase(`contract_${++n}`), now });
  });
}
