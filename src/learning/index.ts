/** Public surface of the learning loop. */
export { buildTrainingData, type TrainingData, type TrainingDataSummary } from './build-training-data.ts';
export { pointCurrentArtifact, saveCandidateArtifact } from './candidate-artifacts.ts';
export { createLearningLoop } from './create-learning-loop.ts';
export { FaqSync } from './faq-sync.ts';
export { FrozenRegressionSet, type RegressionExample, type RegressionSplit } from './frozen-regression-set.ts';
export { DEFAULT_GATE_THRESHOLDS, gate, type GateCheck, type GateDecision, type GateExample, type GateThresholds, type IntentDrop, type LabelAgreement } from './gate.ts';
export { InProcessTrainer } from './in-process-trainer.ts';
export { LearningLoop, type LearningLoopOptions, type RetrainReport } from './learning-loop.ts';
export { listModelVersions, type VersionInfo } from './list-model-versions.ts';
export { openLearningSession } from './open-learning-session.ts';
export { ModelPromoter, type ServingSlot } from './model-promoter.ts';
export { RecommenderEventFeed } from './recommender-event-feed.ts';
export { RetrainScheduler, type RetrainScheduleOptions } from './retrain-scheduler.ts';
export { reviewExamples, type FaqDecision, type ReviewedExample } from './review-examples.ts';
export { StoreReviewedDataSource, type ReviewedDataSource, type ReviewedItem } from './reviewed-data-source.ts';
export type { Candidate, Trainer } from './trainer.ts';
export { WorkerThreadTrainer, type WorkerEncoderSpec } from './worker-thread-trainer.ts';
