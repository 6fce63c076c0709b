import { fixtureReady, trainedConfig, trainFixture, tryLock } from './trained-models.ts';

/**
 * Global setup of the model project: starts training the fixture models when they are missing (a clean clone, or
 * intents/ or src/nlu/ changed) and returns at once, so the unit project runs while they train; the model tests
 * wait for them in prepareTrainedModels. Teardown waits for a training still running, so no process outlives the run.
 */
export default function setup(): () => Promise<void> {
  const { dataDir } = trainedConfig();
  let training: Promise<void> | undefined;
  if (!fixtureReady(dataDir) && tryLock(dataDir)) {
    training = trainFixture(dataDir);
    training.catch(() => {}); // reported by the tests that wait for it
  }
  return async () => {
    await training?.catch(() => {});
  };
}
