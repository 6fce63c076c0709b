import type { IntentResult } from './intent/intent-classifier.ts';

export interface SentimentResult {
  label: 'negative' | 'neutral' | 'positive';
  scores: { negative: number; neutral: number; positive: number };
  angry: boolean;
  angerScore: number;
}

/** What the dialogue needs of an extracted entity (src/nlu/entities produces these). */
export interface EntityRef {
  type: string;
  value: unknown;
  raw: string;
  confidence: number;
}

/** The language of a message; `reliable` is set only when a non-shop language is clear enough to act on. */
export interface LanguageGuess {
  /** ISO 639-1 code, or `und` when there is too little text to tell. */
  code: string;
  confidence: number;
  reliable: boolean;
}

/** Everything NLU says about one customer message; computed once per turn and logged with it. */
export interface NluResult {
  /** The cleaned text that was embedded and classified. */
  text: string;
  intent: IntentResult;
  sentiment: SentimentResult;
  entities: EntityRef[];
  language: LanguageGuess;
  modelVersions: { intent: string; sentiment: string };
}
