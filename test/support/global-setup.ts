import { prepareTrainedModels } from './trained-models.ts';

/** Trains the shipped models once per change of intents/ or src/nlu, before any test file runs. */
export default async function setup(): Promise<void> {
  const started = Date.now();
  await prepareTrainedModels();
  const seconds = (Date.now() - started) / 1000;
  if (seconds > 2) process.stderr.write(`[global-setup] trained test models in ${seconds.toFixed(1)} s\n`);
}
