import { join } from 'node:path';
import type { Config } from '../config/config.ts';
import { FrozenRegressionSet } from './frozen-regression-set.ts';

/** The one regression set of a data dir: first training, `shopmate train` and the loop hold out the same examples. */
export function regressionSetFor(config: Config): FrozenRegressionSet {
  return new FrozenRegressionSet({ dir: join(config.dataDir, 'learning'), seed: config.intent.seed });
}
