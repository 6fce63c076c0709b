import type { Encoder } from './encoder.ts';
import type { IntentClassifier } from './intent/intent-classifier.ts';
import type { EntityRef, LanguageGuess, NluResult, SentimentResult } from './nlu-result.ts';
import { requireText } from './text-hygiene.ts';

export interface SentimentPredictor {
  readonly version: string;
  predict(vectors: Float32Array[], texts: string[]): SentimentResult[];
}

export type EntityExtractor = (text: string) => EntityRef[];

/** Holds the serving intent model; the learning loop swaps it atomically (one reference assignment). */
export interface IntentModelSlot {
  current(): IntentClassifier;
}

/**
 * Embeds a message once and runs every NLU head on that one vector: intent (+ out-of-scope), sentiment, entities,
 * and detects its language.
 * Entities read the raw text (order ids and emails must survive cleaning unchanged; cleaning only drops control chars).
 */
export class NluService {
  constructor(
    private readonly deps: {
      encoder: Encoder;
      intents: IntentModelSlot;
      sentiment: SentimentPredictor;
      entities: EntityExtractor;
      language: (text: string) => LanguageGuess;
      maxInputChars: number;
    },
  ) {}

  async analyze(rawText: string): Promise<NluResult> {
    const text = requireText(rawText, this.deps.maxInputChars);
    const [vector] = await this.deps.encoder.embed([text]);
    const intentModel = this.deps.intents.current();
    const [sentiment] = this.deps.sentiment.predict([vector], [text]);
    return {
      text,
      intent: intentModel.classify(vector, text),
      sentiment,
      entities: this.deps.entities(text),
      language: this.deps.language(text),
      modelVersions: { intent: intentModel.version, sentiment: this.deps.sentiment.version },
    };
  }
}
