import { createMemoryStore } from '../../src/store/index.ts';
import { runStoreContract } from './store-contract.ts';

runStoreContract('memory', async ({ now }) => createMemoryStore({ now })); // scans: no rollups, no demand rules
