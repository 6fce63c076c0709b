/** The dashboard's stylesheet, inlined into every page so even the login page needs no unauthenticated asset. */
export const ADMIN_CSS = `
:root { --accent: #1f5f5b; --accent-soft: #e6f0ef; --ink: #1d2327; --muted: #66717a; --line: #dfe4e3; --bg: #f6f7f6;
  --warn: #8a5a00; --warn-soft: #fff4db; --bad: #a3261b; --bad-soft: #fdecea; --ok: #1d6b3a; --ok-soft: #e5f4ea; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--accent); }
:focus-visible { outline: 3px solid #f2b632; outline-offset: 2px; }
.top { display: flex; align-items: center; gap: 24px; padding: 0 24px; height: 56px; background: var(--accent); color: #fff; }
.top .brand { font-weight: 700; letter-spacing: .2px; }
.top nav { display: flex; gap: 4px; flex: 1; }
.top nav a { color: #fff; text-decoration: none; padding: 6px 12px; border-radius: 8px; opacity: .85; }
.top nav a[aria-current="page"], .top nav a:hover { background: rgba(255,255,255,.16); opacity: 1; }
.top .who { font-size: 14px; opacity: .9; display: flex; gap: 12px; align-items: center; }
.top .who button { background: transparent; color: #fff; border: 1px solid rgba(255,255,255,.5); }
main { max-width: 1180px; margin: 0 auto; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 0 0 8px; }
.sub { color: var(--muted); margin: 0 0 20px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 16px 18px; margin-bottom: 16px; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 16px; }
.row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.spread { display: flex; justify-content: space-between; align-items: baseline; gap: 12px; flex-wrap: wrap; }
button, .button { font: inherit; font-size: 14px; cursor: pointer; border-radius: 8px; padding: 6px 12px; border: 1px solid var(--accent);
  background: var(--accent); color: #fff; text-decoration: none; display: inline-block; }
button.secondary, .button.secondary { background: #fff; color: var(--accent); }
button.danger { background: var(--bad); border-color: var(--bad); }
input, select, textarea { font: inherit; font-size: 14px; padding: 6px 8px; border: 1px solid #c9d1cf; border-radius: 8px; background: #fff; color: var(--ink); }
textarea { width: 100%; min-height: 70px; }
label { font-size: 13px; color: var(--muted); display: flex; flex-direction: column; gap: 2px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; font-size: 13px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.badge { white-space: nowrap; display: inline-block; font-size: 12px; font-weight: 600; padding: 2px 8px; border-radius: 999px; background: var(--accent-soft); color: var(--accent); }
.badge.thumbs_down, .badge.rejected, .badge.bad { background: var(--bad-soft); color: var(--bad); }
.badge.low_confidence, .badge.clarification, .badge.candidate { background: var(--warn-soft); color: var(--warn); }
.badge.serving, .badge.ok { background: var(--ok-soft); color: var(--ok); }
.badge.retired { background: #eef0f1; color: var(--muted); }
.flash { padding: 10px 14px; border-radius: 10px; margin-bottom: 16px; }
.flash.ok { background: var(--ok-soft); color: var(--ok); }
.flash.error { background: var(--bad-soft); color: var(--bad); }
.flash.warning { background: var(--warn-soft); color: var(--warn); border: 1px solid var(--warn); }
.muted { color: var(--muted); font-size: 13px; }
.convo { display: flex; flex-direction: column; gap: 6px; margin: 8px 0; }
.msg { max-width: 80%; padding: 7px 11px; border-radius: 12px; font-size: 14px; white-space: pre-wrap; overflow-wrap: anywhere; }
.msg.customer { align-self: flex-start; background: #eef1f0; }
.msg.bot { align-self: flex-end; background: var(--accent-soft); }
.msg.agent { align-self: flex-end; background: #fff4db; border: 1px solid #f0c36d; }
.msg.focus { outline: 2px solid #f2b632; }
.msg .who { display: block; font-size: 11px; color: var(--muted); font-weight: 600; }
.ranking { list-style: none; padding: 0; margin: 0; font-size: 13px; }
.ranking li { display: grid; grid-template-columns: 160px 1fr 48px; gap: 8px; align-items: center; margin: 2px 0; }
.bar { height: 8px; border-radius: 4px; background: var(--accent-soft); overflow: hidden; }
.bar > span { display: block; height: 100%; background: var(--accent); }
.actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-end; margin-top: 10px; }
.actions form { display: flex; gap: 6px; align-items: flex-end; }
details { margin-top: 8px; }
details summary { cursor: pointer; color: var(--accent); font-size: 14px; }
.faq-form { display: grid; gap: 8px; margin-top: 8px; }
.pager { display: flex; gap: 8px; align-items: center; }
.stat { font-size: 28px; font-weight: 700; }
.login { max-width: 380px; margin: 12vh auto; }
.login form { display: grid; gap: 12px; }
.login input { width: 100%; }
canvas { max-width: 100%; }
.item-head { display: flex; gap: 10px; align-items: center; }
`;
