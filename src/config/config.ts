import { resolve } from 'node:path';
import { z } from 'zod';
import { ShopmateError } from '../core/errors.ts';

/**
 * The one configuration schema. Validated at boot; every value has a documented default so `npm start` works on a
 * fresh machine, and every value can be overridden from the environment (SHOPMATE_*) or by the CLI.
 * Unknown or malformed values are an error, never silently ignored.
 */
export const BACKENDS = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;

const configSchema = z.object({
  dataDir: z.string().min(1),
  intentsDir: z.string().min(1),
  knowledgeDir: z.string().min(1),
  logLevel: z.enum(['debug', 'info', 'warn', 'error', 'silent']),
  nlu: z.object({
    backend: z.enum(BACKENDS),
    maxInputChars: z.number().int().min(16).max(100_000),
    batchSize: z.number().int().min(1).max(1024),
  }),
  intent: z.object({
    /** null = use the threshold calibrated during training (stored in the artifact). */
    oosThreshold: z.number().min(0).max(1).nullable(),
    seed: z.number().int(),
  }),
});

export type Config = z.infer<typeof configSchema>;
export type Backend = Config['nlu']['backend'];

type Env = Record<string, string | undefined>;

function envNumber(env: Env, key: string): number | undefined {
  const raw = env[key];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) {
    throw new ShopmateError('CONFIG_INVALID', `${key} must be a number, got "${raw}"`, { details: { key } });
  }
  return n;
}

function envString(env: Env, key: string): string | undefined {
  const raw = env[key];
  return raw === undefined || raw === '' ? undefined : raw;
}

/** A deep-partial override object, as the CLI and tests pass it. */
export type ConfigOverrides = {
  [K in keyof Config]?: Config[K] extends object ? Partial<Config[K]> : Config[K];
};

export function loadConfig(options: { env?: Env; cwd?: string; overrides?: ConfigOverrides } = {}): Config {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const o = options.overrides ?? {};
  const oosRaw = envString(env, 'SHOPMATE_OOS_THRESHOLD');
  const raw = {
    dataDir: resolve(cwd, o.dataDir ?? envString(env, 'SHOPMATE_DATA_DIR') ?? 'data'),
    intentsDir: resolve(cwd, o.intentsDir ?? envString(env, 'SHOPMATE_INTENTS_DIR') ?? 'intents'),
    knowledgeDir: resolve(cwd, o.knowledgeDir ?? envString(env, 'SHOPMATE_KNOWLEDGE_DIR') ?? 'knowledge'),
    logLevel: o.logLevel ?? envString(env, 'SHOPMATE_LOG_LEVEL') ?? 'info',
    nlu: {
      backend: envString(env, 'SHOPMATE_TF_BACKEND') ?? 'auto',
      maxInputChars: envNumber(env, 'SHOPMATE_MAX_INPUT_CHARS') ?? 1000,
      batchSize: envNumber(env, 'SHOPMATE_EMBED_BATCH') ?? 32,
      ...o.nlu,
    },
    intent: {
      oosThreshold: oosRaw === undefined ? null : envNumber(env, 'SHOPMATE_OOS_THRESHOLD'),
      seed: 42,
      ...o.intent,
    },
  };
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ShopmateError('CONFIG_INVALID', `invalid configuration: ${issues}`, { details: { issues } });
  }
  return parsed.data;
}
