import { ShopmateError } from '../core/errors.ts';
import type { App } from '../main.ts';
import { DemoShopPlatform } from '../shop/demo/demo-shop-platform.ts';
import type { ConversationTarget } from './run-conversations.ts';

const DAY_MS = 86_400_000;

/**
 * The conversation runner's view of a built app. `loadedAt` is when the app loaded the demo orders: a conversation
 * played on another day shifts them by the difference, so "delivered 5 days ago" stays true.
 */
export function conversationTarget(app: App, loadedAt: Date, now: () => Date): ConversationTarget {
  // Conversation files are written against the demo shop's orders; another platform's orders cannot be reset.
  const shop = app.shop;
  if (!(shop instanceof DemoShopPlatform)) throw new ShopmateError('CONFIG_INVALID', 'conversation tests run against the demo shop (SHOPMATE_SHOP_PLATFORM=demo)');
  return {
    handleTurn: (message) => app.bot.handleTurn(message),
    resetShop: async () => shop.orders.book.reset(Math.floor(now().getTime() / DAY_MS) - Math.floor(loadedAt.getTime() / DAY_MS)),
    orders: async () => Promise.all((await app.orders.all()).map(async (order) => ({ order, returns: (await app.orders.returnsFor(order.id)).length }))),
    setOwnership: async (conversationId, ownership) => {
      await app.store.conversations.update(conversationId, { ownership });
    },
    timeZone: app.profile.supportHours.timeZone,
  };
}
