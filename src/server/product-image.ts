import express, { type Router } from 'express';
import { ShopmateError } from '../core/errors.ts';

/** What the image needs to know about a product; the composition root supplies it from the catalog. */
export type ProductImageLookup = (productId: string) => { title: string; category: string } | undefined;

const ID = /^[A-Za-z0-9_-]{1,64}$/;

function hash(text: string): number {
  // FNV-1a: stable across processes, so a product keeps its colour.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function initials(title: string): string {
  const words = title.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return words.slice(0, 2).map((w) => [...w][0]!.toUpperCase()).join('') || '?';
}

/** A generated placeholder: colour from the id hash, the product's initials and its category. */
export function productImageSvg(productId: string, product: { title: string; category: string }): string {
  const hue = hash(productId) % 360;
  const category = escapeXml(product.category.slice(0, 28));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="320" viewBox="0 0 320 320" role="img" aria-label="${escapeXml(product.title)}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue} 45% 62%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360} 40% 38%)"/></linearGradient></defs>
<rect width="320" height="320" fill="url(#g)"/>
<circle cx="160" cy="140" r="78" fill="rgba(255,255,255,.18)"/>
<text x="160" y="162" text-anchor="middle" font-family="Georgia, serif" font-size="68" fill="#fff">${escapeXml(initials(product.title))}</text>
<text x="160" y="278" text-anchor="middle" font-family="system-ui, sans-serif" font-size="18" letter-spacing="2" fill="rgba(255,255,255,.9)">${category.toUpperCase()}</text>
</svg>`;
}

/** GET /images/products/:id.svg; 404 for ids the lookup does not know. */
export function productImageRouter(lookup: ProductImageLookup): Router {
  const router = express.Router();
  router.get('/images/products/:file', (req, res) => {
    const match = /^(.+)\.svg$/.exec(req.params.file);
    const id = match?.[1];
    const product = id && ID.test(id) ? lookup(id) : undefined;
    if (!id || !product) throw new ShopmateError('NOT_FOUND', `no product image ${req.params.file}`);
    res.type('image/svg+xml').set('Cache-Control', 'public, max-age=86400').send(productImageSvg(id, product));
  });
  return router;
}
