import { HybridKnowledgeBase } from '../../src/knowledge/hybrid-knowledge-base.ts';
import { MemoryRevisionLog } from '../../src/knowledge/memory-revision-log.ts';
import { HashingEncoder } from '../../src/nlu/hashing-encoder.ts';
import { knowledgeBaseContract } from './knowledge-base-contract.ts';

knowledgeBaseContract('HybridKnowledgeBase + MemoryRevisionLog', (entries) =>
  HybridKnowledgeBase.create({ encoder: new HashingEncoder(256), revisionLog: new MemoryRevisionLog(), entries }),
);
