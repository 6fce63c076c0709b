import { createRequire } from 'node:module';
import { afinnScore } from '../../src/nlu/sentiment/lexical-features.ts';

const require = createRequire(import.meta.url);

/** A two-class baseline: returns 'positive' or 'negative' for a sentence. */
export interface BinaryBaseline {
  name: string;
  predict(text: string): Promise<'positive' | 'negative'>;
}

/** natural's SentimentAnalyzer (AFINN-165, Porter stemmer): score > 0 -> positive, else negative. */
export const naturalAfinn: BinaryBaseline = {
  name: 'natural AFINN',
  predict: async (text) => (afinnScore(text) > 0 ? 'positive' : 'negative'),
};

/** nlp.js (node-nlp 4) SentimentAnalyzer for English: score > 0 -> positive, else negative. */
export function nlpjsSentiment(): BinaryBaseline {
  // Deep path: node-nlp's index also loads its NLU/NER stack, which the sentiment analyzer does not need.
  const { SentimentAnalyzer } = require('node-nlp/src/sentiment/index.js') as {
    SentimentAnalyzer: new (settings: { language: string }) => { getSentiment(text: string, locale: string): Promise<{ score: number }> };
  };
  const analyzer = new SentimentAnalyzer({ language: 'en' });
  return {
    name: 'nlp.js sentiment',
    predict: async (text) => ((await analyzer.getSentiment(text, 'en')).score > 0 ? 'positive' : 'negative'),
  };
}
