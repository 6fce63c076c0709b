import * as tf from '@tensorflow/tfjs';
import { permutation, seededRandom } from '../../core/seeded-random.ts';

export interface FitOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  /** Per-class loss weights (class index -> weight), so rare classes (anger) are not ignored. */
  classWeight: Record<number, number>;
}

/**
 * Adam with a fresh seeded shuffle every epoch. tf.js's own `shuffle: true` uses Math.random, which would make two
 * trainings with the same seed differ, so the rows are permuted here and fit() runs one ordered epoch at a time.
 */
export async function fitHead(model: tf.LayersModel, x: tf.Tensor2D, y: tf.Tensor2D, options: FitOptions): Promise<number> {
  model.compile({
    optimizer: tf.train.adam(options.learningRate),
    loss: y.shape[1] === 1 ? 'binaryCrossentropy' : 'categoricalCrossentropy',
  });
  const random = seededRandom(options.seed);
  let loss = NaN;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const order = tf.tensor1d(permutation(x.shape[0], random), 'int32');
    const xs = tf.gather(x, order);
    const ys = tf.gather(y, order);
    const history = await model.fit(xs, ys, {
      epochs: 1,
      batchSize: options.batchSize,
      shuffle: false,
      verbose: 0,
      classWeight: options.classWeight,
    });
    loss = history.history.loss[0] as number;
    tf.dispose([order, xs, ys]);
  }
  return loss;
}

/** Weights inversely proportional to class frequency, averaging 1 over the training rows. */
export function balancedClassWeight(classOf: number[], classes: number): Record<number, number> {
  const counts = new Array<number>(classes).fill(0);
  for (const c of classOf) counts[c] += 1;
  return Object.fromEntries(counts.map((n, c) => [c, n === 0 ? 0 : classOf.length / (classes * n)]));
}
