import { html, type SafeHtml } from './html.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

export function formatScalar(v: Json | undefined): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(3);
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

const humanize = (key: string) => key.replace(/([a-z])([A-Z])/g, (_, a: string, b: string) => `${a} ${b.toLowerCase()}`).replace(/_/g, ' ');

/**
 * Renders model metrics / gate details / data summaries whose exact shape belongs to the learning loop: scalars as
 * a two-column table, a map of scalars (e.g. examples per intent) or a list of records (per-intent drops) as a table.
 */
export function jsonTable(value: unknown, caption?: string): SafeHtml {
  if (isScalar(value)) return html`<p>${formatScalar(value as Json)}</p>`;
  if (Array.isArray(value)) return recordsTable(value, caption);
  if (!isObject(value)) return html``;
  const scalars = Object.entries(value).filter(([, v]) => isScalar(v));
  const nested = Object.entries(value).filter(([, v]) => !isScalar(v));
  return html`${scalars.length > 0 ? html`<table>${caption ? html`<caption class="muted">${caption}</caption>` : ''}<tbody>${scalars.map(([k, v]) => html`<tr><th>${humanize(k)}</th><td class="num">${formatScalar(v)}</td></tr>`)}</tbody></table>` : ''}
${nested.map(([k, v]) => html`<details><summary>${humanize(k)}</summary>${isObject(v) && Object.values(v).every(isScalar) ? mapTable(v) : jsonTable(v)}</details>`)}`;
}

function mapTable(v: Record<string, Json>): SafeHtml {
  return html`<table><thead><tr><th>Intent</th><th class="num">Value</th></tr></thead><tbody>${Object.entries(v).map(([k, x]) => html`<tr><td>${k}</td><td class="num">${formatScalar(x)}</td></tr>`)}</tbody></table>`;
}

function recordsTable(rows: unknown[], caption?: string): SafeHtml {
  if (rows.length === 0) return html`<p class="muted">none</p>`;
  if (!rows.every(isObject)) return html`<p>${rows.map((r) => (isScalar(r) ? formatScalar(r as Json) : JSON.stringify(r))).join(', ')}</p>`;
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r as object)))];
  return html`<table>${caption ? html`<caption class="muted">${caption}</caption>` : ''}<thead><tr>${cols.map((c) => html`<th>${humanize(c)}</th>`)}</tr></thead>
<tbody>${rows.map((r) => html`<tr>${cols.map((c) => {
    const cell = (r as Record<string, Json>)[c];
    return html`<td class="${typeof cell === 'number' ? 'num' : ''}">${isScalar(cell) ? formatScalar(cell) : JSON.stringify(cell)}</td>`;
  })}</tr>`)}</tbody></table>`;
}
