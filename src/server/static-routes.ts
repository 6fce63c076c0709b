import express, { type Router } from 'express';
import { cachedWidgetBundle } from '../channels/webhook/widget-bundle.ts';
import { demoPageHtml, type DemoPageOptions } from './demo-page.ts';
import { productImageRouter, type ProductImageLookup } from './product-image.ts';
import { productPageRouter, type ProductLookup } from './product-page.ts';

export interface StaticRoutesOptions {
  /** Serve the demo shop page at `/` (default true). */
  demoPage?: boolean | DemoPageOptions;
  /** Serve /widget.js (default true). */
  widget?: boolean;
  /** Enables /images/products/:id.svg. */
  productImage?: ProductImageLookup;
  /** Enables the demo product pages at /products/:id (the default target of product links in cards). */
  productPage?: { lookup: ProductLookup; shopName: string };
}

// The widget's shadow root injects a <style> element, hence 'unsafe-inline' for styles only; scripts stay 'self'.
const DEMO_CSP = "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'";

/** The browser-facing, unsigned routes: demo page, widget bundle, product placeholder images. */
export function staticRoutes(options: StaticRoutesOptions): Router {
  const router = express.Router();
  if (options.widget !== false) {
    const bundle = cachedWidgetBundle();
    router.get('/widget.js', async (req, res) => {
      const { code, etag } = await bundle();
      res.set({ ETag: etag, 'Cache-Control': 'public, max-age=300' });
      if (req.get('if-none-match') === etag) return void res.status(304).end();
      res.type('application/javascript').send(code);
    });
  }
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
