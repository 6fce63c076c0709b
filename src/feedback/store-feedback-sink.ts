import { parseReplyId, type FeedbackEvent, type FeedbackSink } from '../channels/feedback-sink.ts';
import { ShopmateError } from '../core/errors.ts';
import type { Store } from '../store/store.ts';
import type { ChannelId } from '../core/message.ts';
import { redact, type RedactionOptions } from './redact.ts';
import { REVIEW_PRIORITY } from './review-rules.ts';

/**
 * Stores customer feedback against the turn it is about, after checking that the reply belongs to the customer
 * giving it. A thumbs-down, a low rating or a correction puts the turn in the review queue.
 */
export class StoreFeedbackSink implements FeedbackSink {
  constructor(
    private readonly store: Store,
    private readonly redaction: RedactionOptions = { orderIds: false },
  ) {}

  async record(event: FeedbackEvent): Promise<void> {
    const ref = parseReplyId(event.replyId);
    if (!ref) throw new ShopmateError('BAD_REQUEST', `replyId "${event.replyId}" is not a reply id`);
    const turn = await this.store.turns.getByMessage(ref.channel as ChannelId, ref.messageId);
    if (!turn || turn.userId !== event.userId || turn.conversationId !== event.conversationId) {
      // Same answer for "no such reply" and "not yours": feedback must not reveal other customers' turns.
      throw new ShopmateError('NOT_FOUND', `reply ${event.replyId} not found in this conversation`);
    }
    const value = event.value;
    const input =
      event.kind === 'thumbs'
        ? { kind: 'thumbs' as const, value: value as 'up' | 'down' }
        : event.kind === 'rating'
          ? { kind: 'rating' as const, value: value as 1 | 2 | 3 | 4 | 5 }
          : // A correction is free text the customer typed: stored redacted like the turn it corrects.
            { kind: 'correction' as const, value: redact(String(value), this.redaction) };
    await this.store.feedback.add({ turnId: turn.id, replyId: event.replyId, ...input, at: event.at });
    const negative = (input.kind === 'thumbs' && input.value === 'down') || (input.kind === 'rating' && input.value <= 2) || input.kind === 'correction';
    if (negative) await this.store.reviews.enqueue({ turnId: turn.id, reason: 'thumbs_down', priority: REVIEW_PRIORITY.thumbs_down });
  }
}
