import { z } from 'zod';
import type { TurnStore } from '../store.ts';
import { badRequest, conflict, notFound } from '../store-rules.ts';
import { channelIdSchema, idSchema, newTurnSchema, parseInput, recentLimitSchema, turnListSchema } from '../store-schemas.ts';
import type { SqliteContext } from './sqlite-context.ts';
import { ms, toTurn, TURN_COLUMNS } from './sqlite-rows.ts';

type ParsedTurn = z.output<typeof newTurnSchema>;
type ListOptions = z.output<typeof turnListSchema>;

/** WHERE fragment + params for the optional time window; LIMIT -1 is SQLite's "no limit". */
function window(o: ListOptions) {
  return {
    sql: '(@from IS NULL OR at >= @from) AND (@to IS NULL OR at < @to)',
    params: { from: o.from ? ms(o.from) : null, to: o.to ? ms(o.to) : null, limit: o.limit ?? -1, offset: o.offset },
  };
}

/**
 * Newest first through the (conversation_id, at) / (user_id) indexes, reversed in JS: request paths (inbox, customer
 * page) never scan the table. Exported so a test can check their query plans.
 */
export const RECENT_TURNS_SQL = {
  conversation: `SELECT ${TURN_COLUMNS} FROM turns WHERE conversation_id = ? ORDER BY at DESC, seq DESC LIMIT ?`,
  user: `SELECT ${TURN_COLUMNS} FROM turns WHERE user_id = ? ORDER BY at DESC, seq DESC LIMIT ?`,
} as const;

export function sqliteTurnStore({ db, now, newId }: SqliteContext): TurnStore {
  const byId = db.prepare(`SELECT ${TURN_COLUMNS} FROM turns WHERE id = ?`);
  const byMessage = db.prepare(`SELECT ${TURN_COLUMNS} FROM turns WHERE channel = ? AND message_id = ?`);
  const conversation = db.prepare('SELECT channel FROM conversations WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO turns (id, conversation_id, channel, message_id, user_id, text, intents, top_intent, out_of_scope,
       in_scope_score, sentiment, entities, replies, latency_ms, model_version, language, outcome, slot_answer, at)
     VALUES (@id, @conversationId, @channel, @messageId, @userId, @text, @intents, @topIntent, @outOfScope,
       @inScopeScore, @sentiment, @entities, @replies, @latencyMs, @modelVersion, @language, @outcome, @slotAnswer, @at)`,
  );
  const touch = db.prepare(
    'UPDATE conversations SET last_message_at = MAX(COALESCE(last_message_at, @at), @at) WHERE id = @id',
  );
  const w = window({ offset: 0 }).sql;
  const byConversation = db.prepare(
    `SELECT ${TURN_COLUMNS} FROM turns WHERE conversation_id = @cid AND ${w} ORDER BY at, seq LIMIT @limit OFFSET @offset`,
  );
  const recentInConversation = db.prepare(RECENT_TURNS_SQL.conversation);
  const recentOfUser = db.prepare(RECENT_TURNS_SQL.user);
  const all = db.prepare(`SELECT ${TURN_COLUMNS} FROM turns WHERE ${w} ORDER BY at, seq LIMIT @limit OFFSET @offset`);

  // Check-then-insert inside one IMMEDIATE transaction: the idempotency lookup, the parent check, the insert and
  // the conversation's lastMessageAt commit together or not at all.
  const append = db.transaction((t: ParsedTurn) => {
    const existing = byMessage.get(t.channel, t.messageId);
    if (existing) {
      const turn = toTurn(existing);
      if (turn.conversationId !== t.conversationId) {
        throw conflict(`message "${t.messageId}" on ${t.channel} is already stored for another conversation`, {
          messageId: t.messageId,
        });
      }
      return { turn, created: false };
    }
    const conv = conversation.get(t.conversationId) as { channel: string } | undefined;
    if (!conv) throw notFound('conversation', t.conversationId);
    if (conv.channel !== t.channel) {
      throw badRequest(`conversation "${t.conversationId}" is on ${conv.channel}, not ${t.channel}`);
    }
    const id = newId();
    const at = ms(t.at ?? now());
    insert.run({
      ...t,
      id,
      intents: JSON.stringify(t.intents),
      topIntent: t.intents[0]?.intent ?? null,
      outOfScope: t.outOfScope ? 1 : 0,
      slotAnswer: t.slotAnswer ? 1 : 0,
      sentiment: JSON.stringify(t.sentiment),
      entities: JSON.stringify(t.entities),
      replies: JSON.stringify(t.replies),
      at,
    });
    touch.run({ id: t.conversationId, at });
    return { turn: toTurn(byId.get(id)), created: true };
  });

  return {
    async append(input) {
      return append.immediate(parseInput(newTurnSchema, input, 'turn'));
    },
    async get(id) {
      const row = byId.get(parseInput(idSchema, id, 'turn id'));
      return row ? toTurn(row) : null;
    },
    async getByMessage(channel, messageId) {
      const row = byMessage.get(parseInput(channelIdSchema, channel, 'channel'), parseInput(idSchema, messageId, 'message id'));
      return row ? toTurn(row) : null;
    },
    async listByConversation(conversationId, options) {
      const cid = parseInput(idSchema, conversationId, 'conversation id');
      const o = parseInput(turnListSchema, options, 'turn list options');
      return byConversation.all({ cid, ...window(o).params }).map(toTurn);
    },
    async recentByConversation(conversationId, limit) {
      const rows = recentInConversation.all(parseInput(idSchema, conversationId, 'conversation id'), parseInput(recentLimitSchema, limit, 'limit'));
      return rows.map(toTurn).reverse();
    },
    async recentByUser(userId, limit) {
      const rows = recentOfUser.all(parseInput(idSchema, userId, 'user id'), parseInput(recentLimitSchema, limit, 'limit'));
      return rows.map(toTurn).reverse();
    },
    async list(options) {
      return all.all(window(parseInput(turnListSchema, options, 'turn list options')).params).map(toTurn);
    },
  };
}
