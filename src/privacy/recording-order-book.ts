import type { OrderBook } from '../dialogue/order-book.ts';
import type { Order } from '../knowledge/types.ts';
import type { PersonalValues } from './personal-values.ts';

/**
 * The order book as one turn sees it: every order it reads or changes adds its name, address and email to the turn's
 * personal values, so whatever the bot says about them is redacted in every stored copy of the turn.
 */
export function recordingOrderBook(orders: OrderBook, personal: PersonalValues): OrderBook {
  const seen = <T extends Order | undefined>(o: T): T => {
    if (o) personal.addOrder(o);
    return o;
  };
  return {
    get: async (id) => seen(await orders.get(id)),
    verify: (id, email) => orders.verify(id, email),
    cancel: async (id, at) => seen(await orders.cancel(id, at)),
    changeAddress: async (id, address, at) => {
      personal.add(address, '[address]');
      return seen(await orders.changeAddress(id, address, at));
    },
    changeShippingMethod: async (id, method, at) => seen(await orders.changeShippingMethod(id, method, at)),
    createReturn: (request, at) => orders.createReturn(request, at),
    returnsFor: (id) => orders.returnsFor(id),
    byEmail: async (email) => (await orders.byEmail(email)).map(seen),
    all: () => orders.all(),
  };
}
