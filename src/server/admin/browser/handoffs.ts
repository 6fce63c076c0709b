/**
 * /admin/assets/handoffs.js, on the handoff inbox and conversation pages: keeps the `[data-live]` part current
 * without a reload. The server streams activity events (Server-Sent Events, ids only); on each relevant event this
 * re-fetches the server-rendered fragment named by `data-live` and swaps it in, so the browser renders nothing itself.
 */

const ACTIVITY = ['turn', 'handoff', 'operator_reply', 'released'] as const;
/** Waiting times tick even when nothing happens. */
const TICK_MS = 30_000;

interface ActivityData {
  conversationId?: string;
}

function liveRegion(): HTMLElement | null {
  return document.querySelector<HTMLElement>('[data-live]');
}

/** One fetch at a time; events that arrive meanwhile are folded into one more fetch. */
function refresher(region: HTMLElement): () => void {
  let running = false;
  let again = false;
  const run = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const res = await fetch(region.dataset.live!, { credentials: 'same-origin', headers: { accept: 'text/html' } });
      // A session that expired redirects to the sign-in page: show it rather than paste it into the region.
      if (res.redirected || res.status === 401) return location.reload();
      if (res.ok) {
        region.innerHTML = await res.text();
        region.dataset.refreshed = String(Number(region.dataset.refreshed ?? '0') + 1);
      }
    } finally {
      running = false;
      if (again) {
        again = false;
        void run();
      }
    }
  };
  return () => void run();
}

function start(): void {
  const region = liveRegion();
  if (!region || typeof EventSource === 'undefined') return;
  const only = region.dataset.conversation;
  const refresh = refresher(region);
  const source = new EventSource('/admin/api/handoffs/events');
  let opened = false;
  source.addEventListener('open', () => {
    // After a reconnect, catch up on whatever happened while the stream was down.
    if (opened) refresh();
    opened = true;
    region.dataset.connected = 'true';
  });
  source.addEventListener('error', () => {
    region.dataset.connected = 'false';
  });
  for (const type of ACTIVITY) {
    source.addEventListener(type, (e) => {
      const data = JSON.parse((e as MessageEvent<string>).data) as ActivityData;
      if (only && data.conversationId !== only) return;
      // Handed back or closed (maybe by a colleague): the reply form and actions no longer apply. Hidden, not
      // reloaded, so an action of this operator's own that is on its way is not interrupted.
      if (only && type === 'released') document.querySelectorAll<HTMLElement>('[data-while-waiting]').forEach((el) => (el.hidden = true));
      refresh();
    });
  }
  // Another instance's events may have been lost while the instances' relay reconnected: re-read.
  source.addEventListener('resync', () => refresh());
  window.setInterval(refresh, TICK_MS);
}

start();
