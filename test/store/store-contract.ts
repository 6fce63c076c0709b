/**
 * The one contract every Store implementation must pass. Implementations call `runStoreContract` with a factory
 * (see memory-store.test.ts, sqlite-store.test.ts); a new backend (Postgres) gets the whole suite for free.
 */
import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from '../../src/store/index.ts';
import { manualClock, type StoreFactory } from './contract/contract-helpers.ts';
import { conversationContract } from './contract/conversation-contract.ts';
import { turnContract } from './contract/turn-contract.ts';
import { feedbackContract } from './contract/feedback-contract.ts';
import { reviewContract } from './contract/review-contract.ts';
import { registryContract } from './contract/registry-contract.ts';
import { operatorEventContract } from './contract/operator-event-contract.ts';
import { privacyContract } from './contract/privacy-contract.ts';
import { analyticsContract } from './contract/analytics-contract.ts';
import { analyticsRollupsContract } from './contract/analytics-rollups-contract.ts';
import { CONTRACT_DEMAND_RULES } from './contract/contract-demand-rules.ts';
import { lockContract } from './contract/lock-contract.ts';
import { adminSessionContract } from './contract/admin-session-contract.ts';
import { shopNotesContract } from './contract/shop-notes-contract.ts';
import { watermarkContract } from './contract/watermark-contract.ts';
import { leaseContract } from './contract/lease-contract.ts';
import { rateLimitContract } from './contract/rate-limit-contract.ts';
import { outboxContract } from './contract/outbox-contract.ts';
import { signalContract } from './contract/signal-contract.ts';

export type { StoreFactory } from './contract/contract-helpers.ts';

export interface ContractContext {
  store: Store;
  clock: ReturnType<typeof manualClock>;
}

export function runStoreContract(name: string, factory: StoreFactory): void {
  describe(`Store contract: ${name}`, () => {
    let ctx: ContractContext | undefined;
    beforeEach(async () => {
      const clock = manualClock();
      ctx = { clock, store: await factory({ now: clock.now, demandRules: CONTRACT_DEMAND_RULES }) };
    });
    afterEach(async () => {
      await ctx?.store.close();
      ctx = undefined;
    });
    const get = (): ContractContext => {
      if (!ctx) throw new Error('contract context used outside a test');
      return ctx;
    };
    conversationContract(get);
    turnContract(get);
    feedbackContract(get);
    reviewContract(get);
    registryContract(get);
    operatorEventContract(get);
    privacyContract(get);
    analyticsContract(get);
    analyticsRollupsContract(get);
    lockContract(get);
    adminSessionContract(get);
    shopNotesContract(get);
    watermarkContract(get);
    leaseContract(get);
    rateLimitContract(get);
    outboxContract(get);
    signalContract(get);
  });
}
