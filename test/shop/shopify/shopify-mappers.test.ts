import { describe, expect, it } from 'vitest';
import { parseAddressLine } from '../../../src/shop/shopify/shopify-address.ts';
import { orderStatus, shippingMethod } from '../../../src/shop/shopify/shopify-order-mapper.ts';
import { categorySlug } from '../../../src/shop/shopify/shopify-product-mapper.ts';
import { returnReason } from '../../../src/shop/shopify/shopify-returns.ts';

describe('Shopify mapping rules', () => {
  it('splits a one-line address into the parts Shopify stores', () => {
    expect(parseAddressLine('Keizersgracht 12, 1015 CS Amsterdam, Netherlands', 'DE')).toEqual({ address1: 'Keizersgracht 12', city: 'Amsterdam', zip: '1015 CS', countryCode: 'NL' });
    expect(parseAddressLine('Rue Oberkampf 3, Apt 4, 75011 Paris, France', 'DE')).toEqual({ address1: 'Rue Oberkampf 3', address2: 'Apt 4', city: 'Paris', zip: '75011', countryCode: 'FR' });
    expect(parseAddressLine('Hauptstrasse 5, 10115 Berlin', 'DE')).toMatchObject({ zip: '10115', city: 'Berlin', countryCode: 'DE' });
    expect(parseAddressLine('Via Roma 1, 00184 Roma, IT', 'DE').countryCode).toBe('IT');
    expect(() => parseAddressLine('Main Street 1, Springfield', 'US')).toThrow(/street, a postcode and a town/);
    expect(() => parseAddressLine('10115 Berlin', 'DE')).toThrow(/street/);
    expect(() => parseAddressLine('Hauptstrasse 5, 10115 Berlin', undefined)).toThrow(/street/);
  });

  it('maps order states by the documented table', () => {
    const s = (over: Partial<Parameters<typeof orderStatus>[0]>) => orderStatus({ cancelled: false, returned: false, fulfillment: 'UNFULFILLED', financial: 'PAID', allDelivered: false, ...over });
    expect(s({ cancelled: true, fulfillment: 'FULFILLED' })).toBe('cancelled');
    expect(s({ returned: true, fulfillment: 'FULFILLED', allDelivered: true })).toBe('returned');
    expect(s({ fulfillment: 'RESTOCKED' })).toBe('returned');
    expect(s({ fulfillment: 'FULFILLED', allDelivered: true })).toBe('delivered');
    expect(s({ fulfillment: 'PARTIALLY_FULFILLED', allDelivered: true })).toBe('shipped');
    expect(s({ fulfillment: 'PENDING_FULFILLMENT' })).toBe('processing');
    expect(s({ fulfillment: 'ON_HOLD' })).toBe('processing');
    expect(s({ financial: 'AUTHORIZED' })).toBe('pending');
    expect(s({ financial: '' })).toBe('pending');
  });

  it('reads shipping methods, categories and return reasons from free text', () => {
    expect(['Standard Shipping', 'DHL Express', 'Pickup in store', 'Click & Collect', undefined].map(shippingMethod)).toEqual(['standard', 'express', 'pickup', 'pickup', 'standard']);
    expect(categorySlug('Home & Living')).toBe('home-living');
    expect(categorySlug('')).toBe('uncategorized');
    expect(categorySlug('Décor & Küche')).toBe('decor-kuche');
    expect(['it arrived broken', 'wrong item sent', 'too small for me', 'I changed my mind', 'meh'].map(returnReason)).toEqual(['DEFECTIVE', 'WRONG_ITEM', 'SIZE_TOO_SMALL', 'UNWANTED', 'OTHER']);
  });
});
