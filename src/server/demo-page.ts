export interface DemoProduct {
  productId: string;
  title: string;
  price: number;
  currency: string;
}

export interface DemoPageOptions {
  shopName?: string;
  /** Shown in the product grid (images come from /images/products/:id.svg). */
  featured?: DemoProduct[];
  /** The shop's own promises, so the page never contradicts its policies. */
  perks?: { freeShippingFrom: string; returnDays: number };
}

function escapeHtml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const CSS = `
*{box-sizing:border-box}body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2327;background:#f7f5f0}
header{display:flex;justify-content:space-between;align-items:center;padding:18px 6vw;background:#fff;border-bottom:1px solid #e6e1d6}
.logo{font-family:Georgia,serif;font-size:22px;color:#1f5f5b;font-weight:700}nav a{margin-left:22px;color:#44504d;text-decoration:none}
.hero{padding:72px 6vw;background:linear-gradient(120deg,#1f5f5b,#3f8a7f);color:#fff}
.hero h1{font-family:Georgia,serif;line-height:1.1;font-size:clamp(32px,5vw,52px);margin:0 0 12px;max-width:16ch}.hero p{max-width:46ch;font-size:18px;opacity:.92}
.hero a{display:inline-block;margin-top:12px;padding:12px 22px;border-radius:999px;background:#f2b632;color:#1d2327;font-weight:600;text-decoration:none}
main{padding:48px 6vw}h2{font-family:Georgia,serif;font-size:28px;margin:0 0 20px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:22px;list-style:none;padding:0;margin:0}
.grid li{background:#fff;border-radius:14px;overflow:hidden;box-shadow:0 2px 10px rgba(0,0,0,.06)}
.grid a{color:inherit;text-decoration:none}.grid img,.tile{display:block;width:100%;aspect-ratio:1;object-fit:cover}.grid .body{padding:12px 14px}.grid .price{color:#6b7479}
.tile{display:flex;align-items:flex-end;padding:16px;color:#fff;font-family:Georgia,serif;font-size:22px}
.perks{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:18px;margin-top:48px}
.perks div{background:#fff;border-radius:14px;padding:18px}footer{padding:28px 6vw;color:#6b7479;font-size:14px}
`;

const TILES = [
  ['Living room', '#8c6d4f'], ['Kitchen & dining', '#5f7f4f'], ['Bedroom', '#5a6a8f'], ['Outdoor', '#3f8a7f'],
];

function productGrid(featured: DemoProduct[]): string {
  if (featured.length === 0) {
    return TILES.map(([name, colour]) => `<li><div class="tile" style="background:${colour}">${name}</div></li>`).join('');
  }
  return featured
    .map((p) => {
      const price = new Intl.NumberFormat('en', { style: 'currency', currency: p.currency }).format(p.price);
      const id = encodeURIComponent(p.productId);
      return `<li><a href="/products/${id}"><img src="/images/products/${id}.svg" alt="" width="320" height="320"></a><div class="body"><strong><a href="/products/${id}">${escapeHtml(p.title)}</a></strong><div class="price">${price}</div></div></li>`;
    })
    .join('');
}

/** The demo shop front at `/`: a plain page whose only interactive part is the one-tag chat widget. */
export function demoPageHtml(options: DemoPageOptions = {}): string {
  const shop = escapeHtml(options.shopName ?? 'Northwind Home & Living');
  const perks = options.perks ?? { freeShippingFrom: '€50', returnDays: 30 };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1,interactive-widget=resizes-content">
<title>${shop}</title><style>${CSS}</style></head>
<body>
<header><div class="logo">${shop}</div><nav><a href="#shop">Shop</a><a href="#help">Help</a></nav></header>
<section class="hero"><h1>Calm, well-made things for every room</h1>
<p>Furniture, textiles and kitchenware designed to last. Questions about an order, a return or the right size? Our assistant answers in seconds.</p>
<a href="#shop">Browse the collection</a></section>
<main id="shop"><h2>${options.featured?.length ? 'Featured' : 'Shop by room'}</h2>
<ul class="grid">${productGrid(options.featured ?? [])}</ul>
<div class="perks" id="help"><div><strong>Free delivery</strong><br>on orders from ${escapeHtml(perks.freeShippingFrom)}</div><div><strong>${perks.returnDays}-day returns</strong><br>from the day it arrives</div><div><strong>Need help?</strong><br>Open the chat in the corner</div></div>
</main>
<footer>&copy; ${shop} &middot; a shopmate demo</footer>
<script src="/widget.js" data-endpoint="/chat/messages" data-title="${shop}" defer></script>
</body></html>`;
}
