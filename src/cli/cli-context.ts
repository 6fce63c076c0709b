import { loadConfig, type Config } from '../config/config.ts';
import { createLogger, type Logger } from '../core/logger.ts';
import type { CliIo } from './cli-io.ts';

/** Config + logger for one CLI invocation; global flags (--data-dir) override the environment. */
export function cliContext(io: CliIo, globals: { dataDir?: string }): { config: Config; logger: Logger } {
  const config = loadConfig({ env: io.env, overrides: { dataDir: globals.dataDir } });
  const logger = createLogger({ level: config.logLevel, write: (line) => io.err(line + '\n') });
  return { config, logger };
}
