import { z } from 'zod';
import type { TurnStore } from '../store.ts';
import { badRequest, conflict, notFound } from '../store-rules.ts';
import { channelIdSchema, idSchema, newTurnSchema, parseInput, recentLimitSchema, turnListSchema } from '../store-schemas.ts';
import type { PostgresContext, Query } from './postgres-context.ts';
import { ms, toTurn, TURN_COLUMNS } from './postgres-rows.ts';

type ParsedTurn = z.output<typeof newTurnSchema>;
type ListOptions = z.output<typeof turnListSchema>;

/** The optional time window and paging as parameters $n..$n+3 (LIMIT NULL is PostgreSQL's "no limit"). */
const windowSql = (n: number) =>
  `($${n}::bigint IS NULL OR at >= $${n}) AND ($${n + 1}::bigint IS NULL OR at < $${n + 1}) ORDER BY at, seq LIMIT $${n + 2} OFFSET $${n + 3}`;
const windowParams = (o: ListOptions) => [o.from ? ms(o.from) : null, o.to ? ms(o.to) : null, o.limit ?? null, o.offset];

/** Newest first through the (conversation_id, at, seq) / (user_id, at, seq) indexes, reversed in JS. */
const RECENT = {
  conversation: `SELECT ${TURN_COLUMNS} FROM turns WHERE conversation_id = $1 ORDER BY at DESC, seq DESC LIMIT $2`,
  user: `SELECT ${TURN_COLUMNS} FROM turns WHERE user_id = $1 ORDER BY at DESC, seq DESC LIMIT $2`,
} as const;

/**
 * The parent check, the insert and the conversation's lastMessageAt commit together, at READ COMMITTED: the
 * conversation row is locked (FOR KEY SHARE: it cannot go away or change channel meanwhile) and a redelivered message
 * meets the (channel, message_id) unique key, so ON CONFLICT answers it with the stored turn instead of a race.
 */
async function append(q: Query, t: ParsedTurn, id: string, at: number) {
  const { rows: [conv] } = await q<{ channel: string }>('SELECT channel FROM conversations WHERE id = $1 FOR KEY SHARE', [t.conversationId]);
  if (!conv) throw notFound('conversation', t.conversationId);
  const { rows: [row] } = await q(
    `INSERT INTO turns (id, conversation_id, channel, message_id, user_id, text, intents, top_intent, out_of_scope,
       in_scope_score, sentiment, entities, replies, latency_ms, model_version, language, outcome, slot_answer, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
     ON CONFLICT (channel, message_id) DO NOTHING RETURNING ${TURN_COLUMNS}`,
    [id, t.conversationId, t.channel, t.messageId, t.userId, t.text, JSON.stringify(t.intents), t.intents[0]?.intent ?? null,
      t.outOfScope, t.inScopeScore, JSON.stringify(t.sentiment), JSON.stringify(t.entities), JSON.stringify(t.replies),
      t.latencyMs, t.modelVersion, t.language, t.outcome, t.slotAnswer, at],
  );
  if (!row) {
    const { rows: [existing] } = await q(`SELECT ${TURN_COLUMNS} FROM turns WHERE channel = $1 AND message_id = $2`, [t.channel, t.messageId]);
    const turn = toTurn(existing);
    if (turn.conversationId !== t.conversationId) {
      throw conflict(`message "${t.messageId}" on ${t.channel} is already stored for another conversation`, { messageId: t.messageId });
    }
    return { turn, created: false };
  }
  if (conv.channel !== t.channel) throw badRequest(`conversation "${t.conversationId}" is on ${conv.channel}, not ${t.channel}`);
  await q('UPDATE conversations SET last_message_at = GREATEST(COALESCE(last_message_at, $2), $2) WHERE id = $1', [t.conversationId, at]);
  return { turn: toTurn(row), created: true };
}

export function postgresTurnStore({ query, committed, now, newId }: PostgresContext): TurnStore {
  const one = async (sql: string, params: unknown[]) => {
    const { rows: [row] } = await query(sql, params);
    return row ? toTurn(row) : null;
  };
  return {
    async append(input) {
      const t = parseInput(newTurnSchema, input, 'turn');
      const id = newId();
      const at = ms(t.at ?? now());
      return committed((q) => append(q, t, id, at));
    },
    async get(id) {
      return one(`SELECT ${TURN_COLUMNS} FROM turns WHERE id = $1`, [parseInput(idSchema, id, 'turn id')]);
    },
    async getByMessage(channel, messageId) {
      const params = [parseInput(channelIdSchema, channel, 'channel'), parseInput(idSchema, messageId, 'message id')];
      return one(`SELECT ${TURN_COLUMNS} FROM turns WHERE channel = $1 AND message_id = $2`, params);
    },
    async listByConversation(conversationId, options) {
      const cid = parseInput(idSchema, conversationId, 'conversation id');
      const o = parseInput(turnListSchema, options, 'turn list options');
      const { rows } = await query(`SELECT ${TURN_COLUMNS} FROM turns WHERE conversation_id = $1 AND ${windowSql(2)}`, [cid, ...windowParams(o)]);
      return rows.map(toTurn);
    },
    async recentByConversation(conversationId, limit) {
      const params = [parseInput(idSchema, conversationId, 'conversation id'), parseInput(recentLimitSchema, limit, 'limit')];
      return (await query(RECENT.conversation, params)).rows.map(toTurn).reverse();
    },
    async recentByUser(userId, limit) {
      const params = [parseInput(idSchema, userId, 'user id'), parseInput(recentLimitSchema, limit, 'limit')];
      return (await query(RECENT.user, params)).rows.map(toTurn).reverse();
    },
    async list(options) {
      const o = parseInput(turnListSchema, options, 'turn list options');
      const { rows } = await query(`SELECT ${TURN_COLUMNS} FROM turns WHERE ${windowSql(1)}`, windowParams(o));
      return rows.map(toTurn);
    },
  };
}
