import type { Middleware } from '../core/pipeline.ts';
import type { Turn } from '../core/turn.ts';

export type ConversationLock = <T>(conversationId: string, work: () => Promise<T>) => Promise<T>;

/**
 * The outermost layer: a conversation's messages go through the pipeline one at a time, in arrival order (Store
 * withConversationLock: an advisory lock across instances on PostgreSQL). Without it two quick messages of one
 * customer would both load the same state and the second save would meet a version conflict, or, on two instances,
 * be answered out of order.
 */
export function conversationLockMiddleware(lock: ConversationLock): Middleware<Turn> {
  return (turn, next) => lock(turn.message.conversationId, next);
}
