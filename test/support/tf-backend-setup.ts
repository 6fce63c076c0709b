import { silentLogger } from '../../src/core/logger.ts';
import { initBackend } from '../../src/nlu/tf-backend.ts';

// Model tests train and run TF.js models on the backend serving uses (tfjs-node, else wasm, else cpu), picked once
// per worker. Without this, a file that never loads the encoder would train on TF.js's default pure-JS cpu backend:
// not what ships, and about twice as slow for the intent head.
await initBackend({ preference: 'auto', logger: silentLogger });
