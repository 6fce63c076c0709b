import { afterEach, describe, expect, it } from 'vitest';
import { startWoo } from './woo-test-setup.ts';

let env: Awaited<ReturnType<typeof startWoo>>;
afterEach(async () => env?.close());
const at = new Date('2026-12-02T12:00:00Z');

describe('WooCommerce orders', () => {
  it('maps an order: delivered on completion, shipment tracking meta, one-line address, events in time order', async () => {
    env = await startWoo();
    const o = await env.platform.orders.get('1203');
    expect(o).toMatchObject({
      id: '1203',
      email: 'ada@example.org',
      customerName: 'Ada Lindqvist',
      items: [{ productId: '101', quantity: 1, unitPrice: 49.95 }],
      status: 'delivered',
      placedAt: '2026-11-20T10:00:00.000Z',
      deliveredAt: '2026-11-24T15:00:00.000Z',
      shippingAddress: 'Ada Lindqvist, Birch Lane 7, 2311 AB Leiden, Netherlands',
      shippingMethod: 'standard',
      carrier: 'postnl',
      trackingNumber: '3SABCD1234567',
      total: 54.95,
      currency: 'EUR',
    });
    expect(o!.tracking.map((e) => e.status)).toEqual(['order placed', 'payment received', 'shipped with postnl', 'order completed']);
  });

  it('maps every WooCommerce status, and warns about one it does not know', async () => {
    env = await startWoo();
    const status = async (id: string) => (await env.platform.orders.get(id))!.status;
    expect(await status('1201')).toBe('processing');
    expect(await status('1202')).toBe('pending');
    expect(await status('1204')).toBe('pending'); // on-hold
    expect(await status('1205')).toBe('cancelled');
    expect(await status('1206')).toBe('returned'); // refunded
    expect(await status('1207')).toBe('pending'); // failed payment
    expect(await status('1208')).toBe('processing'); // a plugin's "packing"
    expect(env.logger.lines.filter((l) => l.level === 'warn').map((l) => l.status)).toEqual(['packing']);
    expect((await env.platform.orders.get('1204'))!.shippingMethod).toBe('pickup');
    expect((await env.platform.orders.get('1207'))!.shippingMethod).toBe('express');
  });

  it('reads ids as customers write them; unknown or malformed ids are undefined', async () => {
    env = await startWoo();
    expect((await env.platform.orders.get('#1201'))?.id).toBe('1201');
    expect(await env.platform.orders.get('99999')).toBeUndefined();
    const before = env.fake.requests.length;
    expect(await env.platform.orders.get('1201/notes')).toBeUndefined();
    expect(env.fake.requests.length).toBe(before);
  });

  it('verifies id and email together (case-insensitive), without saying which failed', async () => {
    env = await startWoo();
    expect(await env.platform.orders.verify('1201', ' ADA@example.org ')).toBe(true);
    expect(await env.platform.orders.verify('1201', 'bram@example.org')).toBe(false);
    expect(await env.platform.orders.verify('99999', 'ada@example.org')).toBe(false);
    expect(await env.platform.orders.verify('1201', '')).toBe(false);
  });

  it('cancels an order that has not shipped, and WooCommerce records the change', async () => {
    env = await startWoo();
    const o = await env.platform.orders.cancel('1201', at);
    expect(o.status).toBe('cancelled');
    expect(env.fake.orders.get(1201)!.status).toBe('cancelled');
    expect(env.fake.notes.get(1201)!.map((n) => n.note)).toEqual(['Order status changed from Processing to Cancelled.']);
    expect((await env.platform.orders.cancel('1204', at)).status).toBe('cancelled'); // on-hold
  });

  it('refuses to cancel a completed, cancelled or plugin-status order (CONFLICT) without writing, and NOT_FOUND for unknown', async () => {
    env = await startWoo();
    for (const id of ['1203', '1205', '1208']) await expect(env.platform.orders.cancel(id, at)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(env.fake.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(env.fake.orders.get(1203)!.status).toBe('completed');
    await expect(env.platform.orders.cancel('99999', at)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('changes the shipping address and leaves a private note for the staff', async () => {
    env = await startWoo();
    const o = await env.platform.orders.changeAddress('1202', 'Keizersgracht 12, 1015 CS Amsterdam, Netherlands', at);
    expect(o.shippingAddress).toBe('Bram Okafor, Keizersgracht 12, 1015 CS Amsterdam, Netherlands');
    expect(env.fake.orders.get(1202)!.shipping).toMatchObject({ first_name: 'Bram', address_1: 'Keizersgracht 12, 1015 CS Amsterdam, Netherlands', city: '', postcode: '', country: 'NL' });
    const notes = env.fake.notes.get(1202)!;
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ customer_note: false, note: expect.stringContaining('Keizersgracht 12') });
    await expect(env.platform.orders.changeAddress('1205', 'Elsewhere 1, 1000 AA Amsterdam', at)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('reports an address change that WooCommerce made even when the note for the staff then fails', async () => {
    env = await startWoo();
    env.fake.breakRoute('POST', /^orders\/\d+\/notes$/);
    const o = await env.platform.orders.changeAddress('1201', 'Keizersgracht 12, 1015 CS Amsterdam', at);
    expect(o.shippingAddress).toContain('Keizersgracht 12');
    expect(env.fake.orders.get(1201)!.shipping.address_1).toBe('Keizersgracht 12, 1015 CS Amsterdam');
    expect(env.fake.notes.get(1201)).toBeUndefined();
    expect(env.logger.lines.some((l) => l.level === 'error' && /note for the staff could not be written/.test(String(l.msg)))).toBe(true);
  });

  it('does not change the shipping method: a person must (CONFLICT, reason unsupported)', async () => {
    env = await startWoo();
    await expect(env.platform.orders.changeShippingMethod('1201', 'express', at)).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'unsupported' },
      message: expect.stringMatching(/a person must do it/),
    });
    expect(env.fake.requests).toEqual([]);
  });

  it('opens a return as a private note whose id makes the RMA number; returnsFor lists it', async () => {
    env = await startWoo();
    const rma = await env.platform.orders.createReturn({ orderId: '1203', productIds: ['101'], reason: 'damaged or faulty' }, at);
    const note = env.fake.notes.get(1203)!.at(-1)!;
    expect(note.customer_note).toBe(false);
    expect(rma).toMatchObject({ id: `RMA-1203-${note.id}`, orderId: '1203', productIds: ['101'], reason: 'damaged or faulty' });
    await env.platform.orders.note('1203', 'customer asked for a call back', at);
    expect(await env.platform.orders.returnsFor('1203')).toEqual([rma]);
    expect(await env.platform.orders.returnsFor('1201')).toEqual([]);
    expect(env.fake.orders.get(1203)!.status).toBe('completed');
    await expect(env.platform.orders.createReturn({ orderId: '99999', productIds: ['101'], reason: 'x' }, at)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('adds private notes; an unknown order is NOT_FOUND', async () => {
    env = await startWoo();
    await env.platform.orders.note('1201', 'The platform did not answer; please cancel by hand.', at);
    expect(env.fake.notes.get(1201)).toEqual([expect.objectContaining({ note: 'The platform did not answer; please cancel by hand.', customer_note: false })]);
    await expect(env.platform.orders.note('99999', 'x', at)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("finds a customer's orders by exact email through WooCommerce's search", async () => {
    env = await startWoo();
    const ids = (await env.platform.orders.byEmail('ada@example.org')).map((o) => o.id).sort();
    expect(ids).toEqual(['1201', '1203', '1204', '1205', '1206', '1207', '1208', '1209']);
    expect(env.fake.apiCalls('orders').at(-1)!.query.get('search')).toBe('ada@example.org');
    expect((await env.platform.orders.byEmail('bram@example.org')).map((o) => o.id)).toEqual(['1202']);
    expect(await env.platform.orders.byEmail('nobody@example.org')).toEqual([]);
  });

  it('all() reads the orders newest first', async () => {
    env = await startWoo();
    const all = await env.platform.orders.all();
    expect(all).toHaveLength(9);
    expect(all[0]!.id).toBe('1209');
  });
});
