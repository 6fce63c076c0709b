import { join } from 'node:path';
import type { Config } from '../config/config.ts';

/** Versioned artifacts live under <dataDir>/models/<kind>/<version>/, with current.json naming the serving one. */
export function modelsDir(config: Config, kind: 'intent' | 'sentiment'): string {
  return join(config.dataDir, 'models', kind);
}
