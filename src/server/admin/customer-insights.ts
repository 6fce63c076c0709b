import type { OrderBook } from '../../dialogue/order-book.ts';
import type { Store } from '../../store/store.ts';
import { computeCustomerInsight, type CustomerInsight } from './customer-insight.ts';

/** How much of a customer's history one insight reads: enough for months of chats, bounded on every request. */
const MAX_CONVERSATIONS = 50;
const MAX_TURNS = 500;

export interface CustomerInsightsOptions {
  store: Pick<Store, 'conversations' | 'turns' | 'feedback'>;
  /** The shop's orders, to show the email of a verified order without the database ever holding it. */
  orders?: Pick<OrderBook, 'get'>;
  clock: () => Date;
}

/** Reads one customer's conversations, turns and feedback by user (indexed queries) and computes their insight. */
export class CustomerInsights {
  constructor(private readonly o: CustomerInsightsOptions) {}

  async forUser(userId: string): Promise<CustomerInsight> {
    const { store } = this.o;
    const all = await store.conversations.listByUser(userId);
    const conversations = all
      .sort((a, b) => (b.lastMessageAt ?? b.createdAt).getTime() - (a.lastMessageAt ?? a.createdAt).getTime())
      .slice(0, MAX_CONVERSATIONS);
    const [turns, feedback] = await Promise.all([
      store.turns.recentByUser(userId, MAX_TURNS),
      Promise.all(conversations.map((c) => store.feedback.listByConversation(c.id))).then((lists) => lists.flat()),
    ]);
    return computeCustomerInsight({ userId, conversations, turns, feedback, now: this.o.clock() });
  }

  /**
   * The email each verified order was placed with, read from the shop at display time (never stored). An order the
   * shop no longer knows, or an unreachable shop, gives no email rather than an error page.
   */
  async emailsOf(orderIds: string[]): Promise<string[]> {
    const { orders } = this.o;
    if (!orders || orderIds.length === 0) return [];
    const found = await Promise.all(orderIds.slice(0, 10).map((id) => orders.get(id).catch(() => undefined)));
    return [...new Set(found.flatMap((o) => (o?.email ? [o.email.toLowerCase()] : [])))];
  }
}
