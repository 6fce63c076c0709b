import { ShopmateError } from '../core/errors.ts';
import type { Middleware } from '../core/pipeline.ts';
import type { Turn } from '../core/turn.ts';
import { matchesRedacted, PersonalValues } from '../privacy/personal-values.ts';
import type { RedactionOptions } from './redact.ts';
import type { TurnLog, TurnRecord } from './turn-log.ts';

/**
 * Logs every turn (redacted) once it has its replies, and answers a retried messageId from the log instead of
 * running the bot twice, so a retry gets the same reply and the log has the turn once.
 */
export function turnLogMiddleware(options: { log: TurnLog; redaction: RedactionOptions; topK?: number }): Middleware<Turn> {
  return async (turn, next) => {
    const { message } = turn;
    const previous = await options.log.findByMessage(message.channel, message.messageId);
    if (previous) {
      // A retry is the same message of the same conversation and user; anything else reusing the id must not be
      // answered with another conversation's replies. Only a redacted copy of the text is stored, so the retry's
      // text is compared with it as a pattern. The replies it gets are the stored (redacted) ones.
      const same = previous.conversationId === message.conversationId && previous.userId === message.userId && matchesRedacted(message.text, previous.text);
      if (!same) throw new ShopmateError('CONFLICT', 'messageId was already used for a different message');
      turn.replies = previous.replies;
      turn.replayed = true;
      return;
    }
    try {
      await next();
    } finally {
      await options.log.append(toRecord(turn, options.redaction, options.topK ?? 5));
    }
  };
}

function toRecord(turn: Turn, redaction: RedactionOptions, topK: number): TurnRecord {
  const { message, nlu } = turn;
  const personal = turn.personal ?? new PersonalValues();
  const redact = (text: string) => personal.redact(text, redaction);
  return {
    messageId: message.messageId,
    conversationId: message.conversationId,
    userId: message.userId,
    channel: message.channel,
    text: redact(message.text),
    intent: nlu?.intent.ranking.slice(0, topK) ?? [],
    outOfScope: nlu?.intent.outOfScope ?? false,
    inScopeScore: nlu?.intent.inScopeScore ?? null,
    sentiment: nlu?.sentiment ?? null,
    entities: (nlu?.entities ?? []).map((e) => ({ ...e, raw: redact(e.raw), value: typeof e.value === 'string' ? redact(e.value) : e.value })),
    replies: turn.replies.map((r) => personal.redactReply(r, redaction)),
    latencyMs: Date.now() - turn.startedAt,
    modelVersion: nlu?.modelVersions.intent ?? null,
    language: nlu?.language.code ?? null,
    at: message.receivedAt.toISOString(),
    error: turn.error ?? null,
    outcome: turn.outcome ?? null,
    slotAnswer: turn.slotAnswer === true,
  };
}
