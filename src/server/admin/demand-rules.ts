import type { DemandRules } from '../../store/index.ts';

/**
 * What counts as a price-demand signal (README "Price-demand signals"). Phrases are lower-case substrings of the
 * redacted customer text; the intents are the ones intents/*.yaml defines. "too expensive" wins over "price
 * question", so a complaint about the price is never also counted as a question about it.
 */
export const DEMAND_RULES: DemandRules = {
  pricePhrases: ['price', 'pricing', 'how much', 'cost', 'expensive', 'cheap', 'afford', '€', '$', '£'],
  priceIntents: ['product_information', 'product_availability', 'product_recommendation'],
  discountIntents: ['discounts_coupons'],
  tooExpensivePhrases: [
    'too expensive', 'so expensive', 'very expensive', 'too pricey', 'so pricey', 'overpriced', 'over priced', 'too much money',
    'costs too much', 'cost too much', 'price is too high', 'prices are too high', 'rip off', 'rip-off', 'ripoff',
    'cheaper elsewhere', 'cheaper somewhere', 'cheaper at', "can't afford", 'cannot afford', 'not worth the price',
    'not worth the money', 'out of my budget', 'over my budget',
  ],
  stockIntents: ['product_availability'],
};
