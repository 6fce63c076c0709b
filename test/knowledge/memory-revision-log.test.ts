import { MemoryRevisionLog } from '../../src/knowledge/memory-revision-log.ts';
import { revisionLogContract } from './revision-log-contract.ts';

revisionLogContract('MemoryRevisionLog', async () => new MemoryRevisionLog());
