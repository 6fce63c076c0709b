import { silentLogger, type Logger } from '../core/logger.ts';
import type { Encoder } from '../nlu/encoder.ts';
import { trainIntentClassifier } from '../nlu/intent/train-intent-classifier.ts';
import type { TrainingData } from './build-training-data.ts';
import { saveCandidateArtifact } from './candidate-artifacts.ts';
import type { Candidate, Trainer } from './trainer.ts';

/** Trains on the calling thread: for tests and tools that have nothing else to serve meanwhile. */
export class InProcessTrainer implements Trainer {
  constructor(private readonly options: { encoder: Encoder; modelsDir: string; logger?: Logger; maxInputChars?: number }) {}

  async train(data: TrainingData): Promise<Candidate> {
    const { encoder, modelsDir } = this.options;
    const model = await trainIntentClassifier({
      examples: data.examples,
      encoder,
      seed: data.seed,
      logger: this.options.logger ?? silentLogger,
      maxInputChars: this.options.maxInputChars,
    });
    return saveCandidateArtifact(model, modelsDir);
  }
}
