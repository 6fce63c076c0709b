import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HashingEncoder } from '../../src/nlu/hashing-encoder.ts';
import type { IntentClassifier, IntentResult, LabeledText } from '../../src/nlu/intent/intent-classifier.ts';
import { FrozenRegressionSet } from '../../src/learning/frozen-regression-set.ts';
import { InProcessTrainer } from '../../src/learning/in-process-trainer.ts';
import { LearningLoop, type LearningLoopOptions } from '../../src/learning/learning-loop.ts';
import { StoreReviewedDataSource } from '../../src/learning/reviewed-data-source.ts';
import { createMemoryStore } from '../../src/store/index.ts';
import type { Store } from '../../src/store/store.ts';
import type { ReviewDecisionInput } from '../../src/store/types.ts';

/** Each intent: distinctive objects x shared templates, so a hashing encoder separates them well. */
const TOPICS: Record<string, string[]> = {
  track_order: ['my parcel', 'my package', 'the delivery', 'my shipment', 'the courier', 'my tracking number'],
  get_refund: ['my money back', 'a refund', 'the reimbursement', 'a repayment', 'my refund cash', 'the credit back'],
  forgot_password: ['my password', 'the login code', 'my passcode', 'the account password', 'my pin code', 'the sign in password'],
  store_hours: ['the opening hours', 'the shop hours', 'the closing time', 'the store schedule', 'the opening time', 'the weekend hours'],
};
const TEMPLATES = ['where is {x}', 'i need help with {x}', 'can you check {x}', 'question about {x}', 'tell me about {x} please', 'what about {x}', 'i want {x} sorted', '{x} now'];

export function topicExamples(intent: string, objects: string[] = TOPICS[intent]): LabeledText[] {
  return objects.flatMap((x) => TEMPLATES.map((t) => ({ text: t.replace('{x}', x), label: intent })));
}

export const BASE_INTENTS = Object.keys(TOPICS);
export const baseExamples = (): LabeledText[] => BASE_INTENTS.flatMap((i) => topicExamples(i));
export const GIFT_WRAP_OBJECTS = ['gift wrapping', 'a gift box', 'wrapping paper', 'a gift ribbon', 'gift wrap service', 'a present wrap'];

export function tempDir(prefix = 'shopmate-learning-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

let seq = 0;
/** Logs a customer turn and flags it for review; returns the review item id. */
export async function flagTurn(store: Store, text: string, userId = 'u1'): Promise<string> {
  const conversationId = `c-${userId}`;
  await store.conversations.getOrCreate({ id: conversationId, channel: 'memory', userId });
  const { turn } = await store.turns.append({ conversationId, channel: 'memory', messageId: `m${++seq}`, userId, text });
  return (await store.reviews.enqueue({ turnId: turn.id, reason: 'low_confidence', priority: 1 })).id;
}

export async function review(store: Store, text: string, decision: Omit<ReviewDecisionInput, 'operator'>, userId?: string): Promise<string> {
  const id = await flagTurn(store, text, userId);
  await store.reviews.resolve(id, { ...decision, operator: 'op' });
  return id;
}

/** A loop over a memory store, hashing encoder and in-process trainer; every option can be overridden. */
export function testLoop(overrides: Partial<LearningLoopOptions> & { store?: Store } = {}): { loop: LearningLoop; store: Store; encoder: HashingEncoder; dir: string } {
  const dir = tempDir();
  // Sequential ids: the golden set is chosen by a hash of the review item id, so random ids would make tests flaky.
  let ids = 0;
  const store = overrides.store ?? createMemoryStore({ newId: () => `id-${++ids}` });
  const encoder = new HashingEncoder(256);
  const modelsDir = join(dir, 'models', 'intent');
  const loop = new LearningLoop({
    registry: store.models,
    reviewed: new StoreReviewedDataSource(store),
    baseExamples,
    regression: new FrozenRegressionSet({ dir: join(dir, 'learning') }),
    trainer: new InProcessTrainer({ encoder, modelsDir }),
    encoder,
    modelsDir,
    ...overrides,
  });
  return { loop, store, encoder, dir };
}

/**
 * A classifier that answers from a table (text -> label, 'oos' = flagged), the rest of its intents ranked after the
 * answer in a fixed order: lets gate tests state exactly which example each model gets right.
 */
export function tableClassifier(version: string, intents: string[], answers: Record<string, string>): IntentClassifier {
  return {
    version,
    encoderId: 'hashing-256',
    intents,
    classify(_vector: Float32Array, text: string): IntentResult {
      const answer = answers[text] ?? intents[0];
      const order = answer === 'oos' ? intents : [answer, ...intents.filter((i) => i !== answer)];
      return { ranking: order.map((intent, i) => ({ intent, score: 2 ** -(i + 1) })), outOfScope: answer === 'oos', inScopeScore: answer === 'oos' ? 0 : 1 };
    },
  };
}
