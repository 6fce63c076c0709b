import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { ShopmateError } from '../core/errors.ts';
import { DEFAULT_RECOMMENDER_OPTIONS as RECOMMEND_DEFAULTS } from '../recommend/recommender-options.ts';
import { SHOP_PLATFORMS } from '../shop/shop-platform.ts';

/**
 * The one configuration schema. Validated at boot; every value has a documented default so `npm start` works on a
 * fresh machine, and every value can be overridden from the environment (SHOPMATE_*) or by the CLI.
 * Unknown or malformed values are an error, never silently ignored.
 */
export const BACKENDS = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;

const SECURE_URL = 'must be an https:// URL (http:// only for a loopback address, as in tests)';

/** Credentials travel in headers: https only, except to this machine (the tests' fake platforms). */
function secureUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
  } catch {
    return false;
  }
}

const configSchema = z.object({
  dataDir: z.string().min(1),
  intentsDir: z.string().min(1),
  knowledgeDir: z.string().min(1),
  logLevel: z.enum(['debug', 'info', 'warn', 'error', 'silent']),
  nlu: z.object({
    backend: z.enum(BACKENDS),
    maxInputChars: z.number().int().min(16).max(100_000),
    batchSize: z.number().int().min(1).max(1024),
    /** Encoder worker threads (each loads its own USE lite); 0 = embed on the main thread. */
    encoderWorkers: z.number().int().min(0).max(64),
    /** How long concurrent embed calls may wait to be gathered into one batch for a worker. */
    batchWaitMs: z.number().min(0).max(1000),
  }),
  intent: z.object({
    /** null = use the threshold calibrated during training (stored in the artifact). */
    oosThreshold: z.number().min(0).max(1).nullable(),
    seed: z.number().int(),
  }),
  server: z.object({
    port: z.number().int().min(0).max(65535),
    host: z.string().min(1),
    /** null = no secret configured: the signed public API then rejects every request (see serve). */
    webhookSecret: z.string().min(16).nullable(),
    signatureToleranceSeconds: z.number().int().min(1),
    maxBodyBytes: z.number().int().min(256),
    rateLimitPerMinute: z.number().int().min(1),
    publicUrl: z.string().nullable(),
    /**
     * Express "trust proxy": which proxies may set X-Forwarded-For, so per-client limits (chat, sign-in) count the
     * real client and not the proxy. false, a hop count, or comma-separated addresses, subnets and express's names.
     */
    trustProxy: z.union([z.boolean(), z.number().int().min(0), z.string().refine(validTrustList, 'must be true, false, a hop count or comma-separated addresses or subnets (loopback, linklocal, uniquelocal)')]),
    /** Product links: {id} and {slug} are filled in; a product's own `url` in the catalog wins. */
    productUrlPattern: z.string().refine((p) => p.includes('{id}') || p.includes('{slug}'), 'must contain {id} or {slug}'),
  }),
  discord: z.object({ token: z.string().min(1).nullable() }),
  /**
   * `path` is SQLite's file (always filled, so tools that read it keep working). PostgreSQL needs `databaseUrl`
   * (SHOPMATE_DATABASE_URL, a secret: it usually holds the password; messages never echo it).
   */
  store: z.discriminatedUnion('kind', [
    z.object({ kind: z.enum(['sqlite', 'memory']), path: z.string().min(1), databaseUrl: z.null({ error: 'SHOPMATE_DATABASE_URL is set, but the store is not PostgreSQL: set SHOPMATE_STORE=postgres or unset it' }).optional() }),
    z.object({
      kind: z.literal('postgres'),
      path: z.string().min(1),
      databaseUrl: z.string({ error: 'SHOPMATE_DATABASE_URL is required with SHOPMATE_STORE=postgres (postgres://user:password@host:5432/database)' })
        .refine(isPostgresUrl, 'SHOPMATE_DATABASE_URL must be a postgres:// or postgresql:// URL'),
    }),
  ], { error: 'SHOPMATE_STORE must be sqlite, memory or postgres' }),
  dialogue: z.object({
    clarifyBelow: z.number().min(0).max(1),
    failuresBeforeHandoffOffer: z.number().int().min(1),
    handoffNegativeScore: z.number().min(0).max(1),
    fallbackAnswerScore: z.number().min(0).max(1),
  }),
  recommend: z.object({
    content: z.number().min(0),
    coPurchase: z.number().min(0),
    popularity: z.number().min(0),
    newBoost: z.number().min(0),
    halfLifeDays: z.number().positive(),
    newProductDays: z.number().min(0),
    easeLambda: z.number().positive(),
    easeMaxProducts: z.number().int().min(0),
    easeRefitSeconds: z.number().min(0),
  }),
  privacy: z.object({
    redactOrderIds: z.boolean(),
    retentionDays: z.number().int().min(1),
    /** null = a key file in the data dir (created on first start); see privacy/load-data-key. */
    dataKey: z.string().min(1).nullable(),
  }),
  shop: z.object({
    platform: z.enum(SHOP_PLATFORMS),
    /** Every call to the shop's API: one timeout, retries with jittered backoff, one circuit breaker (shop/shop-http). */
    http: z.object({
      timeoutMs: z.number().int().min(100),
      retries: z.number().int().min(0).max(10),
      backoffMs: z.number().int().min(1),
      breakerFailures: z.number().int().min(1),
      breakerCooldownMs: z.number().int().min(100),
    }),
    /** Catalog re-import interval for shops without webhooks; 0 = webhooks only. */
    pollSeconds: z.number().min(0),
    shopify: z.object({
      storeUrl: z.string().refine(secureUrl, SECURE_URL).nullable(),
      accessToken: z.string().min(1).nullable(),
      apiVersion: z.string().regex(/^\d{4}-(01|04|07|10)$/, 'must be a Shopify API version such as 2025-07'),
      webhookSecret: z.string().min(1).nullable(),
    }),
    woocommerce: z.object({
      url: z.string().refine(secureUrl, SECURE_URL).nullable(),
      consumerKey: z.string().min(1).nullable(),
      consumerSecret: z.string().min(1).nullable(),
      webhookSecret: z.string().min(1).nullable(),
    }),
  }).superRefine((shop, ctx) => {
    const need = (ok: boolean, path: string[], env: string) => {
      if (!ok) ctx.addIssue({ code: 'custom', path, message: `required for SHOPMATE_SHOP_PLATFORM=${shop.platform}: set ${env}` });
    };
    if (shop.platform === 'shopify') {
      need(shop.shopify.storeUrl !== null, ['shopify', 'storeUrl'], 'SHOPMATE_SHOPIFY_STORE_URL');
      need(shop.shopify.accessToken !== null, ['shopify', 'accessToken'], 'SHOPMATE_SHOPIFY_ACCESS_TOKEN');
    }
    if (shop.platform === 'woocommerce') {
      need(shop.woocommerce.url !== null, ['woocommerce', 'url'], 'SHOPMATE_WOOCOMMERCE_URL');
      need(shop.woocommerce.consumerKey !== null, ['woocommerce', 'consumerKey'], 'SHOPMATE_WOOCOMMERCE_CONSUMER_KEY');
      need(shop.woocommerce.consumerSecret !== null, ['woocommerce', 'consumerSecret'], 'SHOPMATE_WOOCOMMERCE_CONSUMER_SECRET');
    }
  }),
  learning: z.object({
    /** 0 = no time trigger. */
    intervalMinutes: z.number().min(0),
    /** 0 = no count trigger. */
    minNewReviewed: z.number().int().min(0),
    maxOverallDrop: z.number().min(0).max(1),
    maxIntentDrop: z.number().min(0).max(1),
    minIntentSupport: z.number().int().min(1),
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

function envBool(env: Env, key: string): boolean | undefined {
  const raw = envString(env, key);
  if (raw === undefined) return undefined;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ShopmateError('CONFIG_INVALID', `${key} must be true or false, got "${raw}"`, { details: { key } });
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function validTrustList(list: string): boolean {
  return list.split(',').every((item) => {
    const x = item.trim();
    if (PROXY_NAMES.includes(x) || ipaddr.isValid(x)) return true;
    try {
      return Boolean(ipaddr.parseCIDR(x));
    } catch {
      return false;
    }
  });
}

/** SHOPMATE_TRUST_PROXY: true/false, a number of hops, or a list of trusted proxy addresses (validated by the schema). */
function envTrustProxy(env: Env): boolean | number | string | undefined {
  const raw = envString(env, 'SHOPMATE_TRUST_PROXY')?.trim();
  if (raw === undefined) return undefined;
  if (/^(true|yes|on)$/i.test(raw)) return true;
  if (/^(false|no|off)$/i.test(raw)) return false;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

function isPostgresUrl(url: string): boolean {
  try {
    return ['postgres:', 'postgresql:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
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
      // One worker per core: the main thread's share (HTTP, dialogue, SQLite) is small next to embedding.
      encoderWorkers: envNumber(env, 'SHOPMATE_ENCODER_WORKERS') ?? availableParallelism(),
      batchWaitMs: envNumber(env, 'SHOPMATE_EMBED_BATCH_WAIT_MS') ?? 2,
      ...o.nlu,
    },
    intent: {
      oosThreshold: oosRaw === undefined ? null : envNumber(env, 'SHOPMATE_OOS_THRESHOLD'),
      seed: 42,
      ...o.intent,
    },
    server: {
      port: envNumber(env, 'PORT') ?? 3000,
      host: envString(env, 'SHOPMATE_HOST') ?? '0.0.0.0',
      webhookSecret: envString(env, 'SHOPMATE_WEBHOOK_SECRET') ?? null,
      signatureToleranceSeconds: envNumber(env, 'SHOPMATE_SIGNATURE_TOLERANCE_SECONDS') ?? 300,
      maxBodyBytes: envNumber(env, 'SHOPMATE_MAX_BODY_BYTES') ?? 16_384,
      rateLimitPerMinute: envNumber(env, 'SHOPMATE_RATE_LIMIT_PER_MINUTE') ?? 30,
      publicUrl: envString(env, 'SHOPMATE_PUBLIC_URL') ?? null,
      trustProxy: envTrustProxy(env) ?? false,
      productUrlPattern: envString(env, 'SHOPMATE_PRODUCT_URL_PATTERN') ?? `${(envString(env, 'SHOPMATE_PUBLIC_URL') ?? '').replace(/\/$/, '')}/products/{id}`,
      ...o.server,
    },
    discord: { token: envString(env, 'DISCORD_TOKEN') ?? null, ...o.discord },
    store: {
      kind: envString(env, 'SHOPMATE_STORE') ?? 'sqlite',
      path: envString(env, 'SHOPMATE_DB_PATH') ?? '',
      databaseUrl: envString(env, 'SHOPMATE_DATABASE_URL') ?? null,
      ...o.store,
    },
    dialogue: {
      clarifyBelow: envNumber(env, 'SHOPMATE_CLARIFY_BELOW') ?? 0.45,
      failuresBeforeHandoffOffer: envNumber(env, 'SHOPMATE_FAILURES_BEFORE_HANDOFF_OFFER') ?? 2,
      handoffNegativeScore: envNumber(env, 'SHOPMATE_HANDOFF_NEGATIVE_SCORE') ?? 0.85,
      fallbackAnswerScore: envNumber(env, 'SHOPMATE_FALLBACK_ANSWER_SCORE') ?? 0.62,
      ...o.dialogue,
    },
    recommend: {
      // Defaults live in recommender-options.ts (the weights and lambda come from bench/recommend's validation tuning).
      content: envNumber(env, 'SHOPMATE_RECOMMEND_CONTENT_WEIGHT') ?? RECOMMEND_DEFAULTS.content,
      coPurchase: envNumber(env, 'SHOPMATE_RECOMMEND_COPURCHASE_WEIGHT') ?? RECOMMEND_DEFAULTS.coPurchase,
      popularity: envNumber(env, 'SHOPMATE_RECOMMEND_POPULARITY_WEIGHT') ?? RECOMMEND_DEFAULTS.popularity,
      newBoost: envNumber(env, 'SHOPMATE_RECOMMEND_NEW_BOOST') ?? RECOMMEND_DEFAULTS.newBoost,
      halfLifeDays: envNumber(env, 'SHOPMATE_RECOMMEND_HALF_LIFE_DAYS') ?? RECOMMEND_DEFAULTS.halfLifeDays,
      newProductDays: envNumber(env, 'SHOPMATE_RECOMMEND_NEW_PRODUCT_DAYS') ?? RECOMMEND_DEFAULTS.newProductDays,
      easeLambda: envNumber(env, 'SHOPMATE_RECOMMEND_EASE_LAMBDA') ?? RECOMMEND_DEFAULTS.easeLambda,
      easeMaxProducts: envNumber(env, 'SHOPMATE_RECOMMEND_EASE_MAX_PRODUCTS') ?? RECOMMEND_DEFAULTS.easeMaxProducts,
      easeRefitSeconds: envNumber(env, 'SHOPMATE_RECOMMEND_EASE_REFIT_SECONDS') ?? RECOMMEND_DEFAULTS.easeRefitSeconds,
      ...o.recommend,
    },
    privacy: {
      redactOrderIds: envBool(env, 'SHOPMATE_REDACT_ORDER_IDS') ?? false,
      retentionDays: envNumber(env, 'SHOPMATE_RETENTION_DAYS') ?? 365,
      dataKey: envString(env, 'SHOPMATE_DATA_KEY') ?? null,
      ...o.privacy,
    },
    shop: {
      platform: envString(env, 'SHOPMATE_SHOP_PLATFORM') ?? 'demo',
      http: {
        timeoutMs: envNumber(env, 'SHOPMATE_SHOP_TIMEOUT_MS') ?? 8000,
        retries: envNumber(env, 'SHOPMATE_SHOP_RETRIES') ?? 2,
        backoffMs: envNumber(env, 'SHOPMATE_SHOP_BACKOFF_MS') ?? 300,
        breakerFailures: envNumber(env, 'SHOPMATE_SHOP_BREAKER_FAILURES') ?? 5,
        breakerCooldownMs: (envNumber(env, 'SHOPMATE_SHOP_BREAKER_COOLDOWN_SECONDS') ?? 30) * 1000,
        ...o.shop?.http,
      },
      pollSeconds: envNumber(env, 'SHOPMATE_SHOP_POLL_SECONDS') ?? 0,
      shopify: {
        storeUrl: envString(env, 'SHOPMATE_SHOPIFY_STORE_URL') ?? null,
        accessToken: envString(env, 'SHOPMATE_SHOPIFY_ACCESS_TOKEN') ?? null,
        apiVersion: envString(env, 'SHOPMATE_SHOPIFY_API_VERSION') ?? '2025-07',
        webhookSecret: envString(env, 'SHOPMATE_SHOPIFY_WEBHOOK_SECRET') ?? null,
        ...o.shop?.shopify,
      },
      woocommerce: {
        url: envString(env, 'SHOPMATE_WOOCOMMERCE_URL') ?? null,
        consumerKey: envString(env, 'SHOPMATE_WOOCOMMERCE_CONSUMER_KEY') ?? null,
        consumerSecret: envString(env, 'SHOPMATE_WOOCOMMERCE_CONSUMER_SECRET') ?? null,
        webhookSecret: envString(env, 'SHOPMATE_WOOCOMMERCE_WEBHOOK_SECRET') ?? null,
        ...o.shop?.woocommerce,
      },
      ...(o.shop?.platform ? { platform: o.shop.platform } : {}),
      ...(o.shop?.pollSeconds !== undefined ? { pollSeconds: o.shop.pollSeconds } : {}),
    },
    learning: {
      intervalMinutes: envNumber(env, 'SHOPMATE_RETRAIN_INTERVAL_MINUTES') ?? 24 * 60,
      minNewReviewed: envNumber(env, 'SHOPMATE_RETRAIN_MIN_REVIEWED') ?? 50,
      maxOverallDrop: envNumber(env, 'SHOPMATE_GATE_MAX_OVERALL_DROP') ?? 0.01,
      maxIntentDrop: envNumber(env, 'SHOPMATE_GATE_MAX_INTENT_DROP') ?? 0.05,
      minIntentSupport: envNumber(env, 'SHOPMATE_GATE_MIN_INTENT_SUPPORT') ?? 5,
      ...o.learning,
    },
  };
  // The database lives in the data dir unless placed elsewhere explicitly.
  if (raw.store.path === '') raw.store.path = resolve(raw.dataDir, 'shopmate.db');
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ShopmateError('CONFIG_INVALID', `invalid configuration: ${issues}`, { details: { issues } });
  }
  return parsed.data;
}
