import type { Order } from '../knowledge/types.ts';

export interface ReturnRequest {
  id: string; // RMA number
  orderId: string;
  productIds: string[];
  reason: string;
  createdAt: string;
}

/** The shop's orders as the dialogue may read and change them (src/shop: the demo book, Shopify, WooCommerce). */
export interface OrderBook {
  get(orderId: string): Promise<Order | undefined>;
  /** True only when the order exists AND was placed with this email; callers must not reveal which part failed. */
  verify(orderId: string, email: string): Promise<boolean>;
  cancel(orderId: string, at: Date): Promise<Order>;
  changeAddress(orderId: string, address: string, at: Date): Promise<Order>;
  changeShippingMethod(orderId: string, method: Order['shippingMethod'], at: Date): Promise<Order>;
  createReturn(request: Omit<ReturnRequest, 'id' | 'createdAt'>, at: Date): Promise<ReturnRequest>;
  returnsFor(orderId: string): Promise<ReturnRequest[]>;
  /** All orders placed with an email (recommendations: what this customer bought). */
  byEmail(email: string): Promise<Order[]>;
  all(): Promise<Order[]>;
}
