import { expect } from 'vitest';
import type { ErrorCode } from '../../../src/core/errors.ts';
import { isShopmateError } from '../../../src/core/errors.ts';
import type { Store, StoreOptions } from '../../../src/store/index.ts';
import type { NewTurn } from '../../../src/store/index.ts';

/** A factory the contract suite calls once per test: a fresh, empty store using the given clock. */
export type StoreFactory = (options: Required<Pick<StoreOptions, 'now' | 'demandRules'>>) => Promise<Store>;

/** A clock that only moves when told, so ordering assertions do not depend on wall-clock speed. */
export function manualClock(start = '2026-03-01T10:00:00.000Z') {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    advance: (ms: number) => void (t += ms),
    at: (offsetMs: number) => new Date(Date.parse(start) + offsetMs),
  };
}

export async function expectCode(p: Promise<unknown>, code: ErrorCode): Promise<void> {
  const outcome = await p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (outcome.ok) throw new Error(`expected ShopmateError ${code}, but the call resolved with ${JSON.stringify(outcome.value)}`);
  expect(isShopmateError(outcome.error), `not a ShopmateError: ${String(outcome.error)}`).toBe(true);
  expect((outcome.error as { code: string }).code).toBe(code);
}

let seq = 0;
export function turnInput(conversationId: string, overrides: Partial<NewTurn> = {}): NewTurn {
  seq += 1;
  return {
    conversationId,
    channel: 'webhook',
    messageId: `m-${seq}`,
    userId: 'u-1',
    text: 'where is my order SM-[redacted]',
    intents: [
      { intent: 'order_status', score: 0.82 },
      { intent: 'shipping_cost', score: 0.11 },
    ],
    outOfScope: false,
    inScopeScore: 0.9,
    sentiment: { label: 'neutral', score: 0.6 },
    entities: [{ type: 'order_id', value: 'SM-100234' }],
    replies: [{ kind: 'text', text: 'Your order shipped yesterday.' }],
    latencyMs: 42,
    modelVersion: 'intent-20260301T000000Z-abc123',
    language: 'en',
    outcome: 'answered',
    slotAnswer: false,
    ...overrides,
  };
}

/** A conversation plus one turn in it; most feedback/review tests need exactly this. */
export async function seedTurn(store: Store, opts: { conversationId?: string; userId?: string; turn?: Partial<NewTurn> } = {}) {
  const conversationId = opts.conversationId ?? 'c-1';
  const userId = opts.userId ?? 'u-1';
  await store.conversations.getOrCreate({ id: conversationId, channel: 'webhook', userId });
  const { turn } = await store.turns.append(turnInput(conversationId, { userId, ...opts.turn }));
  return turn;
}
