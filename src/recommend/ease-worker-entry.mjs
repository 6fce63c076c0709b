// Plain-JS bootstrap of the EASE fitting worker: Node 20 ignores `--import tsx` in a worker's execArgv, so the worker
// registers tsx itself (as bin/run-ts.mjs does) and then loads the TypeScript entry.
import { register } from 'tsx/esm/api';

register();
await import('./ease-worker.ts');
