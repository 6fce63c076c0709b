import type { Config } from './config/config.ts';
import type { Store } from './store/store.ts';
import { createMemoryStore, openSqliteStore } from './store/index.ts';

/** SQLite in the data dir by default; `SHOPMATE_STORE=memory` keeps everything in memory (demos, tests). */
export async function openStore(config: Config): Promise<Store> {
  return config.store.kind === 'memory' ? createMemoryStore() : openSqliteStore({ path: config.store.path });
}
