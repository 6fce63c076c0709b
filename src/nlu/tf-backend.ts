import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { Backend } from '../config/config.ts';
import { ShopmateError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';

const require = createRequire(import.meta.url);

let chosen: Promise<string> | undefined;

async function tryTensorflow(): Promise<boolean> {
  try {
    // tfjs-node is an optional dependency: it is absent wherever its native install failed.
    await import('@tensorflow/tfjs-node' as string);
    return await tf.setBackend('tensorflow');
  } catch {
    return false;
  }
}

async function tryWasm(): Promise<boolean> {
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // Point the backend at the .wasm files inside the installed package so nothing is fetched from a CDN.
    const distDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    wasm.setWasmPaths(distDir + '/');
    return await tf.setBackend('wasm');
  } catch {
    return false;
  }
}

async function choose(preference: Backend, logger: Logger): Promise<string> {
  const order: Array<Exclude<Backend, 'auto'>> =
    preference === 'auto' ? ['tensorflow', 'wasm', 'cpu'] : [preference];
  for (const name of order) {
    const ok = name === 'tensorflow' ? await tryTensorflow() : name === 'wasm' ? await tryWasm() : await tf.setBackend('cpu');
    if (ok) {
      await tf.ready();
      logger.info('tensorflow backend selected', { backend: tf.getBackend(), requested: preference });
      return tf.getBackend();
    }
    if (preference !== 'auto') {
      throw new ShopmateError('CONFIG_INVALID', `TensorFlow backend "${name}" was requested but cannot be loaded here`);
    }
  }
  throw new ShopmateError('INTERNAL', 'no TensorFlow.js backend could be initialised');
}

/**
 * Selects the TF.js backend once per process: tfjs-node when installed, else wasm (SIMD), else cpu.
 * Later calls return the first choice, so the whole process agrees on one backend.
 */
export function initBackend(options: { preference: Backend; logger: Logger }): Promise<string> {
  chosen ??= choose(options.preference, options.logger);
  return chosen;
}
