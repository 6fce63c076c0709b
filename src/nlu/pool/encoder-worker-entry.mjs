// Plain-JS bootstrap of an encoder pool worker: `--import tsx` in a worker's execArgv is not honoured by Node 20, so
// the worker registers tsx itself (as bin/run-ts.mjs does) and then loads the TypeScript entry.
import { register } from 'tsx/esm/api';

register();
await import('./encoder-worker.ts');
