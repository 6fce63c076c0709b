import type { Config } from './config/config.ts';
import type { Logger } from './core/logger.ts';
import type { Store } from './store/store.ts';
import { createMemoryStore, openPostgresStore, openSqliteStore } from './store/index.ts';
import { DEMAND_RULES } from './server/admin/demand-rules.ts';

/**
 * SQLite in the data dir by default; `SHOPMATE_STORE=memory` keeps everything in memory (demos, tests);
 * `SHOPMATE_STORE=postgres` with `SHOPMATE_DATABASE_URL` uses PostgreSQL (several instances on one database).
 */
export async function openStore(config: Config, logger?: Logger): Promise<Store> {
  switch (config.store.kind) {
    case 'memory':
      return createMemoryStore();
    case 'postgres':
      return openPostgresStore({
        url: config.store.databaseUrl,
        demandRules: DEMAND_RULES,
        onSignalConnectionLost: (e) => logger?.warn('change signals lost their database connection; reconnecting (instances poll meanwhile)', { error: e.message }),
      });
    case 'sqlite':
      return openSqliteStore({ path: config.store.path, demandRules: DEMAND_RULES });
  }
}

/**
 * The store a one-shot command (train, models) reads and writes: PostgreSQL when configured, otherwise the SQLite
 * file, also under `SHOPMATE_STORE=memory`, whose registry would vanish with the command.
 */
export async function openDurableStore(config: Config): Promise<Store> {
  const demandRules = DEMAND_RULES; // the analytics rollups count the same signals whoever writes a turn
  return config.store.kind === 'postgres' ? openPostgresStore({ url: config.store.databaseUrl, demandRules }) : openSqliteStore({ path: config.store.path, demandRules });
}
