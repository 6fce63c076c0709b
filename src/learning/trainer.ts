import type { CalibrationMetrics } from '../nlu/intent/trained-intent-classifier.ts';
import type { TrainingData } from './build-training-data.ts';

/** A trained, saved, not yet promoted intent model. */
export interface Candidate {
  version: string;
  /** The artifact folder (loadIntentArtifact reads it). */
  dir: string;
  intents: string[];
  metrics: CalibrationMetrics;
  trainSeconds: number;
}

/** Trains a candidate from the given data and saves it as a new version; never touches the serving model. */
export interface Trainer {
  train(data: TrainingData): Promise<Candidate>;
}
