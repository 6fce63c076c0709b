import { ADMIN_CSS } from './admin-styles.ts';
import { html, raw, type SafeHtml } from './html.ts';
import type { AdminSession } from './session-store.ts';

export const NAV = [
  { href: '/admin/review', label: 'Review queue', id: 'review' },
  { href: '/admin/handoffs', label: 'Handoffs', id: 'handoffs' },
  { href: '/admin/models', label: 'Models', id: 'models' },
  { href: '/admin/analytics', label: 'Analytics', id: 'analytics' },
  { href: '/admin/privacy', label: 'Privacy', id: 'privacy' },
] as const;

export type NavId = (typeof NAV)[number]['id'];

/** Scripts come only from our own origin; styles are inline (one small stylesheet), frames are refused. */
export const ADMIN_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export function csrfField(session: AdminSession): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${session.csrfToken}">`;
}

function head(title: string, scripts: string[]): SafeHtml {
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · shopmate admin</title><style>${raw(ADMIN_CSS)}</style>${scripts.map((s) => html`<script src="${s}" defer></script>`)}</head>`;
}

/** The page frame: top bar with navigation, the signed-in operator, logout, and a one-shot flash message. */
export function layout(options: { title: string; active: NavId; session: AdminSession; body: SafeHtml; scripts?: string[] }): string {
  const { session } = options;
  const flash = session.flash;
  session.flash = undefined;
  return html`${head(options.title, ['/admin/assets/admin.js', ...(options.scripts ?? [])])}<body>
<header class="top"><span class="brand">shopmate · operators</span>
<nav aria-label="Sections">${NAV.map((n) => html`<a href="${n.href}" ${n.id === options.active ? raw('aria-current="page"') : ''}>${n.label}</a>`)}</nav>
<div class="who"><span>${session.username} (${session.role})</span>
<form method="post" action="/admin/logout">${csrfField(session)}<button type="submit">Sign out</button></form></div></header>
<main>${flash ? html`<div class="flash ${flash.kind}" role="${flash.kind === 'ok' ? 'status' : 'alert'}">${flash.text}</div>` : ''}${options.body}</main></body></html>`.value;
}

export function loginPage(options: { csrf: string; error?: string; next?: string }): string {
  return html`${head('Sign in', [])}<body><main class="login"><div class="card">
<h1>shopmate operators</h1><p class="sub">Sign in to review conversations and manage the bot.</p>
${options.error ? html`<div class="flash error" role="alert">${options.error}</div>` : ''}
<form method="post" action="/admin/login">
<input type="hidden" name="_csrf" value="${options.csrf}"><input type="hidden" name="next" value="${options.next ?? ''}">
<label>Username <input name="username" autocomplete="username" required autofocus></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button></form></div></main></body></html>`.value;
}

export function formatDate(d: Date | null | undefined): string {
  return d ? d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '—';
}

export function formatDuration(ms: number): string {
  const min = Math.max(0, Math.round(ms / 60000));
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  return h < 48 ? `${h} h ${min % 60} min` : `${Math.floor(h / 24)} days`;
}
