/** Lives inside the widget's shadow root, so it neither leaks into nor inherits from the host shop's CSS. */
export const WIDGET_CSS = `
:host { all: initial; --smw-accent: #1f5f5b; --smw-accent-ink: #fff; --smw-bg: #fff; --smw-ink: #1d2327; --smw-muted: #6b7479;
  --smw-soft: #f1f4f3; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--smw-ink); }
* { box-sizing: border-box; }
button { font: inherit; cursor: pointer; }
:focus-visible { outline: 3px solid #f2b632; outline-offset: 2px; }
.smw-launcher { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; display: flex; align-items: center; gap: 8px;
  border: 0; border-radius: 999px; padding: 12px 18px; background: var(--smw-accent); color: var(--smw-accent-ink);
  box-shadow: 0 8px 24px rgba(0,0,0,.18); font-weight: 600; }
.smw-launcher:hover { filter: brightness(1.08); }
.smw-launcher[hidden] { display: none; }
.smw-panel { position: fixed; right: 20px; bottom: 84px; z-index: 2147483000; width: min(380px, calc(100vw - 32px));
  height: min(560px, calc(100vh - 120px)); display: flex; flex-direction: column; background: var(--smw-bg); border-radius: 16px;
  box-shadow: 0 18px 48px rgba(0,0,0,.22); overflow: hidden; }
.smw-panel[hidden] { display: none; }
.smw-header { flex: none; display: flex; align-items: center; justify-content: space-between; padding: 14px 16px; background: var(--smw-accent); color: var(--smw-accent-ink); }
.smw-header h2 { margin: 0; font-size: 16px; }
.smw-header p { margin: 2px 0 0; font-size: 12px; opacity: .85; }
.smw-close { border: 0; background: transparent; color: inherit; font-size: 22px; line-height: 1; padding: 4px 8px; border-radius: 8px; }
.smw-log { flex: 1; min-height: 0; overflow-y: auto; overscroll-behavior: contain; padding: 16px; display: flex; flex-direction: column; gap: 10px; background: #fafbfa; }
.smw-msg { max-width: 88%; display: flex; flex-direction: column; gap: 4px; }
.smw-user { align-self: flex-end; }
.smw-user .smw-bubble { background: var(--smw-accent); color: var(--smw-accent-ink); border-bottom-right-radius: 4px; }
.smw-bot { align-self: flex-start; }
.smw-bubble { padding: 9px 13px; border-radius: 14px; background: var(--smw-soft); white-space: pre-wrap; overflow-wrap: anywhere; }
.smw-bot .smw-bubble { border-bottom-left-radius: 4px; }
.smw-agent { align-self: flex-start; }
.smw-agent .smw-bubble { background: #fff6e0; border: 1px solid #f0c36d; border-bottom-left-radius: 4px; }
.smw-agent-label { display: flex; align-items: center; gap: 4px; font-size: 12px; font-weight: 600; color: #6b4a00; }
.smw-error .smw-bubble { background: #fdecea; color: #8a1c12; }
.smw-handoff { display: flex; gap: 10px; align-items: flex-start; padding: 10px 12px; border-radius: 12px; background: #fff6e0;
  border: 1px solid #f0c36d; color: #5c3f00; font-size: 14px; }
.smw-handoff svg { flex: none; margin-top: 1px; }
.smw-handoff-body { display: flex; flex-direction: column; gap: 4px; min-width: 0; }
.smw-handoff p { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.smw-handoff-queue { font-weight: 600; }
.smw-quick { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
.smw-chip { border: 1px solid var(--smw-accent); color: var(--smw-accent); background: #fff; border-radius: 999px; padding: 5px 12px; font-size: 14px; }
.smw-chip:hover { background: var(--smw-soft); }
.smw-chip:disabled { opacity: .5; cursor: default; }
.smw-cards { list-style: none; margin: 6px 0 0; padding: 0; display: flex; flex-direction: column; gap: 8px; }
.smw-card { display: flex; gap: 10px; padding: 8px; border: 1px solid #e3e7e6; border-radius: 12px; background: #fff; }
.smw-card img, .smw-card-img { width: 72px; height: 72px; border-radius: 8px; object-fit: cover; background: var(--smw-soft); flex: none; }
.smw-card-title { font-weight: 600; }
.smw-card-price { color: var(--smw-muted); font-size: 14px; }
.smw-card a { color: var(--smw-accent); font-size: 14px; font-weight: 600; }
.smw-thumbs { display: flex; gap: 2px; }
.smw-thumb { display: inline-flex; border: 0; background: transparent; padding: 4px 6px; border-radius: 6px; color: var(--smw-muted); opacity: .6; }
.smw-thumb:hover { opacity: 1; }
.smw-thumb[aria-pressed="true"] { opacity: 1; color: var(--smw-accent); background: var(--smw-soft); }
.smw-typing { align-self: flex-start; display: inline-flex; gap: 4px; padding: 12px 14px; border-radius: 14px; background: var(--smw-soft); }
.smw-typing[hidden] { display: none; }
.smw-typing span { width: 7px; height: 7px; border-radius: 50%; background: var(--smw-muted); animation: smw-blink 1.2s infinite ease-in-out; }
.smw-typing span:nth-child(2) { animation-delay: .2s; } .smw-typing span:nth-child(3) { animation-delay: .4s; }
@keyframes smw-blink { 0%, 80%, 100% { opacity: .25; transform: translateY(0); } 40% { opacity: 1; transform: translateY(-3px); } }
@media (prefers-reduced-motion: reduce) { .smw-typing span { animation: none; } }
.smw-form { flex: none; display: flex; gap: 8px; padding: 10px; border-top: 1px solid #e3e7e6; background: #fff; }
.smw-input { flex: 1; font: inherit; padding: 10px 12px; border: 1px solid #cfd6d4; border-radius: 10px; color: var(--smw-ink); }
.smw-send { border: 0; border-radius: 10px; padding: 0 16px; background: var(--smw-accent); color: var(--smw-accent-ink); font-weight: 600; }
/* Phones: the open panel takes the whole screen. 100dvh follows the browser's toolbars (and, where the page lets the
   keyboard resize the viewport, the keyboard), so the input stays on screen; 100vh is the fallback for older browsers. */
@media (max-width: 480px) {
  .smw-panel { top: 0; right: 0; bottom: 0; left: 0; width: 100%; height: 100vh; height: 100dvh; border-radius: 0; box-shadow: none; }
  .smw-header { padding-top: max(14px, env(safe-area-inset-top)); }
  .smw-form { padding-bottom: max(10px, env(safe-area-inset-bottom)); }
  .smw-input { font-size: 16px; } /* below 16px iOS zooms the page in on focus */
}
.smw-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
