import type { SentimentExample } from '../../../src/nlu/sentiment/sentiment-types.ts';

// A tiny hand-written training set for HashingEncoder tests: word overlap is all that encoder can see, so each class
// reuses a few telling words.
const positive = ['love it, great quality', 'great service, thank you', 'really love the lamp', 'great sofa, love the colour',
  'thank you so much, great job', 'excellent and lovely', 'lovely rug, great price', 'love love love it'];
const neutral = ['where is my order', 'what time do you open', 'can I change my address', 'where is the store',
  'what size is the table', 'can I pay by card', 'what time is delivery', 'where do I send the return'];
const negative = ['the lamp is broken and disappointing', 'poor quality, disappointing', 'broken on arrival, sad',
  'disappointing service and late', 'the rug is poor and thin', 'sadly it is broken'];
const angry = ['I am furious, worst service ever', 'furious!!! useless company', 'WORST SERVICE EVER, I AM FURIOUS',
  'useless, absolutely furious', 'this is unacceptable, furious'];

export const TINY_EXAMPLES: SentimentExample[] = [
  ...positive.map((text) => ({ text, label: 'positive' as const, angry: false })),
  ...neutral.map((text) => ({ text, label: 'neutral' as const, angry: false })),
  ...negative.map((text) => ({ text, label: 'negative' as const, angry: false })),
  ...angry.map((text) => ({ text, label: 'negative' as const, angry: true })),
];

export const PROBE_TEXTS = ['love it, thank you', 'where is the lamp', 'furious, useless', 'it is broken', 'ok'];

// Settings for this 27-sentence toy set, not the defaults tuned for the shipped data (whose stronger L2 and 0.7 anger
// threshold would leave so small a model under-confident).
export const TOY_OPTIONS = { epochs: 40, angerThreshold: 0.5, features: { lexical: true, hidden: 0, l2: 1e-4 } };
