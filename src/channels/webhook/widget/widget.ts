import { ChatWidget } from './chat-widget.ts';
import { createWidgetApi } from './widget-api.ts';
import { loadState, safeStorage } from './widget-state.ts';

/**
 * Entry point of /widget.js. Configured from its own script tag:
 *   <script src="/widget.js" data-endpoint="/chat/messages" defer></script>
 * Optional: data-feedback-endpoint (default: the endpoint with "messages" -> "feedback"), data-updates-endpoint
 * (default: "messages" -> "updates"; operator replies are polled there while the panel is open), data-title.
 */
// currentScript is only set while this script first runs, so read it before waiting for the DOM.
const script = (document.currentScript as HTMLScriptElement | null) ?? document.querySelector<HTMLScriptElement>('script[data-endpoint]');

function boot(): void {
  const messages = script?.dataset.endpoint ?? '/chat/messages';
  const feedback = script?.dataset.feedbackEndpoint ?? messages.replace(/messages\/?$/, 'feedback');
  const updates = script?.dataset.updatesEndpoint ?? messages.replace(/messages\/?$/, 'updates');
  const host = document.createElement('div');
  host.id = 'shopmate-widget';
  document.body.append(host);
  const storage = safeStorage();
  new ChatWidget(host, {
    api: createWidgetApi({ messages, feedback, updates }),
    state: loadState(storage),
    storage,
    title: script?.dataset.title ?? 'Shop assistant',
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot, { once: true });
else boot();
