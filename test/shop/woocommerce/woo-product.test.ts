import { describe, expect, it } from 'vitest';
import { productSchema } from '../../../src/knowledge/schemas.ts';
import { categorySlug, plainText, toProduct } from '../../../src/shop/woocommerce/woo-product.ts';
import { wooProduct } from './woo-seed.ts';

describe('WooCommerce product mapping', () => {
  it('turns editor HTML into plain text, entities decoded', () => {
    expect(plainText('<p>Oak &amp; walnut,&nbsp;<em>oiled</em>.</p>\n<script>x()</script><p>Ships in 3&#8211;5 days &#x2014; &quot;fast&quot;</p>')).toBe('Oak & walnut, oiled . Ships in 3\u20135 days \u2014 "fast"');
  });

  it('makes category slugs the catalog accepts', () => {
    expect(categorySlug('k%c3%bcche')).toBe('kuche');
    expect(categorySlug('home_office')).toBe('home-office');
    expect(categorySlug('%%%')).toBe('uncategorized');
    expect(categorySlug(undefined)).toBe('uncategorized');
  });

  it('gives a product without picture or description the placeholder image and its title, and stays valid catalog data', () => {
    const p = toProduct(wooProduct(300, { name: 'Bare Stool', description: '', short_description: '', images: [], price: '12.3456', categories: [] }), 'EUR')!;
    expect(p).toMatchObject({ image: '/images/products/300.svg', description: 'Bare Stool', price: 12.35, category: 'uncategorized' });
    expect(productSchema.safeParse(p).error?.issues ?? []).toEqual([]);
    expect(toProduct(wooProduct(301, { short_description: '<p>Short one.</p>', description: '' }), 'EUR')!.description).toBe('Short one.');
  });

  it('leaves out products the shop does not sell: unpublished, without a price, without a name', () => {
    for (const over of [{ status: 'private' }, { status: 'pending' }, { price: '' }, { name: '<p> </p>' }]) {
      expect(toProduct(wooProduct(302, over), 'EUR')).toBeUndefined();
    }
  });
});
