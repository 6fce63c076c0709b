import type { DemandRules } from '../../../src/store/index.ts';

/** The demand rules every contract store is opened with (the SQL stores count them at write time) and queried with. */
export const CONTRACT_DEMAND_RULES: DemandRules = {
  pricePhrases: ['how much', 'price'],
  priceIntents: ['product_information'],
  discountIntents: ['discounts_coupons'],
  tooExpensivePhrases: ['too expensive'],
  stockIntents: ['product_availability'],
};
