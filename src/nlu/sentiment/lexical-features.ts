import { createRequire } from 'node:module';

// natural's top-level entry loads database drivers; single files are required by deep path. They ship without
// typings, so the few members used here are typed locally.
const require = createRequire(import.meta.url);
type Analyzer = { getSentiment(words: string[]): number };
const SentimentAnalyzer = require('natural/lib/natural/sentiment/SentimentAnalyzer.js') as new (
  language: string,
  stemmer: unknown,
  vocabulary: string,
) => Analyzer;
const PorterStemmer = require('natural/lib/natural/stemmers/porter_stemmer.js') as { stem(w: string): string };
const AggressiveTokenizer = require('natural/lib/natural/tokenizers/aggressive_tokenizer.js') as new () => {
  tokenize(text: string): string[];
};

let afinn: Analyzer | undefined;
let tokenizer: { tokenize(text: string): string[] } | undefined;

/** natural's AFINN-165 analyzer with the Porter stemmer: mean word valence in roughly [-5, 5], negation-aware. */
export function afinnScore(text: string): number {
  afinn ??= new SentimentAnalyzer('English', PorterStemmer, 'afinn');
  tokenizer ??= new AggressiveTokenizer();
  const words = tokenizer.tokenize(text);
  if (words.length === 0) return 0;
  const score = afinn.getSentiment(words);
  return Number.isFinite(score) ? score : 0;
}

const NEGATION = /\b(?:not|no|never|nothing|nobody|none|neither|nor|cannot|without|\w+n't|dont|didnt|doesnt|isnt|wasnt|wont|cant)\b/gi;

/**
 * Cheap surface cues the sentence embedding blurs: lexicon valence, negations, shouting (exclamation marks,
 * capitals). Every value is squashed into about [-1, 1] so none dominates the 512 embedding dimensions.
 * The names are stored in the artifact manifest; changing the list or order needs a new format version.
 */
export const LEXICAL_FEATURE_NAMES = ['afinn', 'negations', 'exclamations', 'capsRatio', 'question'] as const;

export function lexicalFeatures(text: string): number[] {
  const letters = text.match(/\p{L}/gu) ?? [];
  const upper = text.match(/\p{Lu}/gu) ?? [];
  // A capital at the start of a sentence or "I" is not shouting; only a high share of capitals is.
  const capsRatio = letters.length >= 4 ? upper.length / letters.length : 0;
  return [
    Math.tanh(afinnScore(text) / 2),
    Math.min((text.match(NEGATION) ?? []).length, 3) / 3,
    Math.min((text.match(/!/g) ?? []).length, 3) / 3,
    capsRatio > 0.5 ? capsRatio : 0,
    text.includes('?') ? 1 : 0,
  ];
}
