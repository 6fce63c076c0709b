import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from '../core/message.ts';
import { mostRecentLocal, type Weekday } from '../core/local-time.ts';
import type { Turn } from '../core/turn.ts';
import type { Order } from '../knowledge/types.ts';
import { checkTurn, replyText, type ObservedTurn } from './check-turn.ts';
import { durationMs, type ConversationSpec } from './conversation-spec.ts';

/** What the runner needs of a running bot (src/main.ts's App provides it; see conversationTarget). */
export interface ConversationTarget {
  handleTurn(message: IncomingMessage): Promise<Turn>;
  /** Back to the shop as loaded: every conversation starts from the same orders. */
  resetShop(): Promise<void>;
  orders(): Promise<Array<{ order: Order; returns: number }>>;
  setOwnership(conversationId: string, ownership: 'bot' | 'closed'): Promise<void>;
  /** The shop's time zone, for `at: sunday 11:00`. */
  timeZone: string;
}

/** The clock the bot reads; the runner moves it (per conversation, per turn and on `wait:`). */
export class ManualClock {
  private ms = Date.now();
  readonly now = (): Date => new Date(this.ms);
  set(at: Date): void {
    this.ms = at.getTime();
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface TurnFailure {
  file: string;
  conversation: string;
  category: string;
  turn: number;
  say: string;
  problems: string[];
  harmful: boolean;
  reply: string;
  intent?: string;
}

export interface ConversationReport {
  turns: number;
  passed: number;
  rate: number;
  conversations: number;
  conversationsPassed: number;
  harmful: number;
  byCategory: Record<string, { conversations: number; turns: number; passed: number; harmful: number }>;
  failures: TurnFailure[];
}

/** When a conversation does not say: inside the team's hours on a working day, so runs do not depend on the hour. */
const DEFAULT_AT = 'wednesday 11:00';

/** Seconds between two customer messages when the script does not say otherwise. */
const TURN_GAP_MS = 20_000;

function orderActions(before: Map<string, { order: Order; returns: number }>, after: Array<{ order: Order; returns: number }>): string[] {
  const actions: string[] = [];
  for (const { order, returns } of after) {
    const old = before.get(order.id);
    if (!old) continue;
    if (old.order.status !== order.status) actions.push(order.status === 'cancelled' ? `cancel ${order.id}` : `status ${order.id} ${order.status}`);
    if (old.order.shippingAddress !== order.shippingAddress) actions.push(`address ${order.id}`);
    if (old.order.shippingMethod !== order.shippingMethod) actions.push(`method ${order.id} ${order.shippingMethod}`);
    if (returns > old.returns) actions.push(`return ${order.id}`);
  }
  return actions;
}

function observe(turn: Turn, actions: string[]): ObservedTurn {
  const handedOff = turn.replies.some((r) => r.kind === 'handoff');
  return {
    replies: turn.replies,
    // The intent the dialogue acted on; otherwise the classifier's, where a message flagged out of scope reads as "oos".
    topIntent: turn.intent ?? (turn.nlu ? (turn.nlu.intent.outOfScope ? 'oos' : turn.nlu.intent.ranking[0]?.intent) : undefined),
    language: turn.nlu?.language?.code,
    task: turn.state?.task?.name,
    ownership: turn.state?.ownership ?? 'bot',
    handoffReason: handedOff ? (turn.state?.handoff?.reason ?? 'unknown') : undefined,
    actions,
  };
}

/** Runs each conversation through the bot and checks every turn; one conversation never sees another's changes. */
export async function runConversations(specs: ConversationSpec[], target: ConversationTarget, clock: ManualClock): Promise<ConversationReport> {
  const report: ConversationReport = { turns: 0, passed: 0, rate: 0, conversations: specs.length, conversationsPassed: 0, harmful: 0, byCategory: {}, failures: [] };
  const runId = randomUUID().slice(0, 8);
  for (const [n, spec] of specs.entries()) {
    const [weekday, time] = (spec.at ?? DEFAULT_AT).toLowerCase().split(/\s+/);
    clock.set(mostRecentLocal(weekday as Weekday, time, target.timeZone, new Date()));
    await target.resetShop();
    const conversationId = `conv-test-${runId}-${n}`;
    const cat = (report.byCategory[spec.category] ??= { conversations: 0, turns: 0, passed: 0, harmful: 0 });
    cat.conversations += 1;
    let allPassed = true;
    for (const [t, step] of spec.turns.entries()) {
      if ('wait' in step) {
        clock.advance(durationMs(step.wait));
        continue;
      }
      if ('operator' in step) {
        await target.setOwnership(conversationId, step.operator === 'hand_back' ? 'bot' : 'closed');
        continue;
      }
      clock.advance(TURN_GAP_MS);
      const before = new Map((await target.orders()).map((o) => [o.order.id, o]));
      const turn = await target.handleTurn({
        messageId: `${conversationId}-${t}`,
        conversationId,
        userId: `user-${runId}-${n}`,
        channel: 'memory',
        text: step.say,
        receivedAt: clock.now(),
      });
      const seen = observe(turn, orderActions(before, await target.orders()));
      const verdict = checkTurn(step, seen);
      report.turns += 1;
      cat.turns += 1;
      if (verdict.problems.length === 0) {
        report.passed += 1;
        cat.passed += 1;
        continue;
      }
      allPassed = false;
      if (verdict.harmful.length > 0) {
        report.harmful += 1;
        cat.harmful += 1;
      }
      report.failures.push({
        file: spec.file, conversation: spec.name, category: spec.category, turn: t, say: step.say, problems: verdict.problems,
        harmful: verdict.harmful.length > 0, reply: replyText(turn.replies), intent: seen.topIntent,
      });
    }
    if (allPassed) report.conversationsPassed += 1;
  }
  report.rate = report.turns === 0 ? 0 : report.passed / report.turns;
  return report;
}
