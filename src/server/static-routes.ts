import express, { type Router } from 'express';
import { demoPageHtml, type DemoPageOptions } from './demo-page.ts';
import { productImageRouter, type ProductImageLookup } from './product-image.ts';
import { productPageRouter, type ProductLookup } from './product-page.ts';

export interface StaticRoutesOptions {
  /** Serve the demo shop page at `/` (default true). */
  demoPage?: boolean | DemoPageOptions;
  /** Enables /images/products/:id.svg. */
  productImage?: ProductImageLookup;
  /** Enables the demo product pages at /products/:id (the default target of product links in cards). */
  productPage?: { lookup: ProductLookup; shopName: string };
}

// The widget's shadow root injects a <style> element, hence 'unsafe-inline' for styles only; scripts stay 'self'.
const DEMO_CSP = "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'";

/** The browser-facing, unsigned routes: demo page, product pages and placeholder images (the web channel serves /widget.js). */
export function staticRoutes(options: StaticRoutesOptions): Router {
  const router = express.Router();
  if (options.demoPage !== false) {
    const html = demoPageHtml(typeof options.demoPage === 'object' ? options.demoPage : {});
    router.get('/', (_req, res) => {
      res.set('Content-Security-Policy', DEMO_CSP).type('html').send(html);
    });
  }
  if (options.productImage) router.use(productImageRouter(options.productImage));
  if (options.productPage) router.use(productPageRouter({ ...options.productPage, csp: DEMO_CSP }));
  return router;
}
