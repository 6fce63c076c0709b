import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openSqliteStore } from '../../src/store/index.ts';
import { runStoreContract } from './store-contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'shopmate-store-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
// A real file per test (not ':memory:') so WAL, fsync and foreign keys behave as in production.
runStoreContract('sqlite', async ({ now }) => openSqliteStore({ path: join(dir, `contract-${++n}.db`), now }));
