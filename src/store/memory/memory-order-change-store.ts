import type { OrderChangeStore } from '../store.ts';
import { newOrderChangeSchema, orderChangeQuerySchema, parseInput } from '../store-schemas.ts';
import type { MemoryState } from './memory-state.ts';

export function memoryOrderChangeStore(s: MemoryState): OrderChangeStore {
  return {
    async append(input) {
      const c = parseInput(newOrderChangeSchema, input, 'order change');
      const record = { seq: s.orderChanges.length + 1, platform: c.platform, orderId: c.orderId, kind: c.kind, payload: c.payload, at: c.at ?? s.now() };
      s.orderChanges.push(record);
      return record;
    },
    async list(options) {
      const q = parseInput(orderChangeQuerySchema, options, 'order change query');
      return s.orderChanges.filter((c) => (q.platform === undefined || c.platform === q.platform) && c.seq > (q.afterSeq ?? 0));
    },
  };
}
