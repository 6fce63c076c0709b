import { defineConfig } from 'vitest/config';
import { fixtureReady, trainedConfig } from './test/support/trained-models.ts';

/**
 * Test files that load the USE lite encoder, use the fixture models (test/support/trained-models.ts) or train TF.js
 * models. They form the `model` project, which runs after the `unit` project; its global setup starts training the
 * fixture models (when missing) at the very beginning, so that runs beside the unit tests. A test file that is not
 * listed here still works anywhere (it waits for, or trains, the fixture itself); test/support/test-layout.test.ts
 * fails when a file that needs models is missing from this list.
 */
export const MODEL_TESTS = [
  // the fixture models (trained once on the shipped intents/)
  'test/channels/new-channel.test.ts',
  'test/channels/same-pipeline.test.ts',
  'test/cli/eval-model.test.ts',
  'test/conversations/conversations.test.ts',
  'test/dialogue/conversations.test.ts',
  'test/nlu/load-serving-models.test.ts',
  'test/nlu/sentiment/shipped-sentiment.test.ts',
  'test/serve.test.ts',
  'test/privacy/database-grep.test.ts',
  'test/dialogue/learned-faq.test.ts',
  'test/learning/fresh-install.test.ts',
  'test/e2e/faq-fold-in-browser.test.ts',
  'test/learning/sentiment-learning.test.ts',
  'test/shop/demo-restart.test.ts',
  'test/shop/shopify/shopify-app.test.ts',
  'test/shop/live-price-webhook.test.ts',
  'test/e2e/two-instances.test.ts',
  // the USE lite encoder
  'test/nlu/use-lite-encoder.test.ts',
  'test/nlu/intent/intent-oos-use.test.ts',
  'test/nlu/pool/encoder-pool-use.test.ts',
  // training
  'test/learning/gate.test.ts',
  'test/learning/learning-loop.test.ts',
  'test/learning/scheduler-and-worker.test.ts',
  'test/nlu/intent/intent-bench.test.ts',
  'test/nlu/intent/intent-classifier.test.ts',
  'test/nlu/sentiment/evaluate-sentiment.test.ts',
  'test/nlu/sentiment/sentiment-artifact.test.ts',
  'test/nlu/sentiment/sentiment-model.test.ts',
];

/**
 * With the fixture models built (every run after the first), unit and model files form one group, so the two workers
 * stay busy until the end (longest files first) instead of idling at the tail of each project. On a cold start the
 * model files wait for the fixture, so the unit project runs first while the fixture trains beside it.
 */
const fixtureWarm = fixtureReady(trainedConfig().dataDir);

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 400_000,
    // Two cores: more workers only make the model files (30 MB encoder, TF.js training) fight over them.
    maxWorkers: 2,
    // No test mocks modules or changes globals, so a worker's files share one module graph: TF.js, discord.js and
    // express are imported once per worker instead of once per file.
    isolate: false,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: MODEL_TESTS, sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: {
          name: 'model',
          include: MODEL_TESTS,
          globalSetup: ['test/support/fixture-global-setup.ts'],
          setupFiles: ['test/support/tf-backend-setup.ts'],
          // A model file's beforeAll may wait for the fixture to be built (cold start) before its own work.
          hookTimeout: 900_000,
          sequence: { groupOrder: fixtureWarm ? 0 : 1 },
        },
      },
    ],
  },
});
