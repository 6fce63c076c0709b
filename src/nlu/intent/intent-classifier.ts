/** Label used for out-of-scope examples in training and evaluation files (CLINC150's convention). */
export const OOS_LABEL = 'oos';

export interface IntentScore {
  intent: string;
  score: number;
}

export interface IntentResult {
  /** Every known intent, best first; scores are probabilities summing to 1. */
  ranking: IntentScore[];
  /** True when the message belongs to no known intent (calibrated detector, see the artifact's threshold). */
  outOfScope: boolean;
  /** In-scope confidence the out-of-scope decision was made on: higher = more in scope. */
  inScopeScore: number;
}

export interface LabeledText {
  text: string;
  label: string;
}

export interface IntentClassifier {
  /** Artifact version, e.g. "intent-20261128T205501Z-ab12cd". */
  readonly version: string;
  readonly encoderId: string;
  readonly intents: readonly string[];
  /** `vector` is the encoder's embedding of `text` (the classifier also reads lexical features from the text). */
  classify(vector: Float32Array, text: string): IntentResult;
}
