import express, { type Router } from 'express';
import { ShopmateError } from '../core/errors.ts';
import type { Product } from '../knowledge/types.ts';

/** What the demo shop's product page needs: the product by id (the composition root reads the live catalog). */
export type ProductLookup = (productId: string) => Product | undefined;

const ID = /^[A-Za-z0-9_-]{1,64}$/;

function escapeHtml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const CSS = `body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2327;background:#f7f5f0}
header{padding:18px 6vw;background:#fff;border-bottom:1px solid #e6e1d6}header a{font-family:Georgia,serif;font-size:22px;color:#1f5f5b;font-weight:700;text-decoration:none}
main{display:grid;grid-template-columns:minmax(0,360px) 1fr;gap:40px;padding:40px 6vw;max-width:1100px}img{width:100%;border-radius:14px}
h1{font-family:Georgia,serif;font-size:32px;margin:0 0 8px}.price{font-size:22px;margin:0 0 4px}.stock{color:#1f5f5b}.out{color:#a4432a}
table{border-collapse:collapse;margin-top:16px}td{padding:4px 16px 4px 0;vertical-align:top}td:first-child{color:#6b7479}
@media (max-width:700px){main{grid-template-columns:1fr}}`;

function label(key: string): string {
  return key.replace(/_(cm|kg|l|ml|w|h|min|s|mm|g|k|c|m|bar)$/, ' ($1)').replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** The demo shop's page for one product, so every product link the bot sends opens a real page. */
export function productPageHtml(p: Product, shopName: string): string {
  const price = new Intl.NumberFormat('en', { style: 'currency', currency: p.currency }).format(p.price);
  const rows = Object.entries(p.attributes)
    .filter(([k]) => k !== 'returnable')
    .map(([k, v]) => `<tr><td>${escapeHtml(label(k))}</td><td>${escapeHtml(typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v))}</td></tr>`)
    .join('');
  const stock = p.stock > 0 ? `<p class="stock">In stock</p>` : `<p class="out">Currently out of stock</p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1,interactive-widget=resizes-content">
<title>${escapeHtml(p.title)} · ${escapeHtml(shopName)}</title><style>${CSS}</style></head>
<body><header><a href="/">${escapeHtml(shopName)}</a></header>
<main><img src="/images/products/${encodeURIComponent(p.id)}.svg" alt="" width="320" height="320">
<div><h1>${escapeHtml(p.title)}</h1><p class="price">${price}</p>${stock}<p>${escapeHtml(p.description)}</p>
<table aria-label="Product details"><tr><td>Product number</td><td>${escapeHtml(p.id)}</td></tr>${rows}</table></div></main>
<script src="/widget.js" data-endpoint="/chat/messages" data-title="${escapeHtml(shopName)}" defer></script>
</body></html>`;
}

/** GET /products/:id: the demo product page; 404 for an id the catalog does not know. */
export function productPageRouter(options: { lookup: ProductLookup; shopName: string; csp: string }): Router {
  const router = express.Router();
  router.get('/products/:id', (req, res) => {
    const id = req.params.id;
    const product = ID.test(id) ? options.lookup(id) : undefined;
    if (!product) throw new ShopmateError('NOT_FOUND', `no product ${id}`);
    res.set('Content-Security-Policy', options.csp).type('html').send(productPageHtml(product, options.shopName));
  });
  return router;
}
