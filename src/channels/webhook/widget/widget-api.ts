import type { BotReply } from './widget-state.ts';

export interface WidgetApi {
  send(body: { messageId: string; conversationId: string; userId: string; text: string }): Promise<BotReply[]>;
  feedback(body: { replyId: string; conversationId: string; userId: string; kind: 'thumbs'; value: 'up' | 'down' }): Promise<void>;
  /** Operator replies after `after` (GET /chat/updates). */
  updates(query: { conversationId: string; userId: string; after?: string }): Promise<AgentMessage[]>;
}

export interface AgentMessage {
  id: string;
  reply: BotReply;
}

async function post(url: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
  if (!res.ok) throw Object.assign(new Error(json.error?.message ?? `HTTP ${res.status}`), { status: res.status });
  return json;
}

/**
 * Sending retries once on a network failure with the same messageId: the server answers a retried id with the
 * same replies (idempotent), so a flaky connection never produces a duplicate turn.
 */
export function createWidgetApi(endpoints: { messages: string; feedback: string; updates: string }): WidgetApi {
  return {
    async send(body) {
      const attempt = () => post(endpoints.messages, body) as Promise<{ replies: BotReply[] }>;
      const result = await attempt().catch((e: Error & { status?: number }) => (e.status === undefined ? attempt() : Promise.reject(e)));
      return result.replies;
    },
    async feedback(body) {
      await post(endpoints.feedback, body);
    },
    async updates(query) {
      const params = new URLSearchParams({ conversationId: query.conversationId, userId: query.userId, ...(query.after ? { after: query.after } : {}) });
      const res = await fetch(`${endpoints.updates}?${params}`, { headers: { accept: 'application/json' } });
      if (!res.ok) throw Object.assign(new Error(`HTTP ${res.status}`), { status: res.status });
      return ((await res.json()) as { messages: AgentMessage[] }).messages;
    },
  };
}
