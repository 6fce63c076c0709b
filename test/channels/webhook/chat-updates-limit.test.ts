import { afterAll, describe, expect, it } from 'vitest';
import { chatUpdatesRouter } from '../../../src/channels/webhook/chat-proxy-router.ts';
import { WebOutbox } from '../../../src/channels/webhook/web-outbox.ts';
import { silentLogger } from '../../../src/core/logger.ts';
import { createServer, startServer, type RunningServer } from '../../../src/server/index.ts';
import { createMemoryStore } from '../../../src/store/index.ts';

const running: RunningServer[] = [];
afterAll(async () => {
  for (const s of running) await s.close();
});

/** One "instance": its own outbox and router, the store's buckets shared with the others. */
async function instance(store: ReturnType<typeof createMemoryStore>): Promise<string> {
  const outbox = new WebOutbox({ ownerLookup: async (id) => (id === 'web:poll-conv-1' ? 'web:poll-user-1' : null) });
  const server = createServer({ logger: silentLogger, staticRoutes: false });
  server.mount('/', chatUpdatesRouter({ outbox, perIpPerMinute: 3, sharedLimits: store.rateLimits }));
  const s = await startServer(server.app, 0, '127.0.0.1');
  running.push(s);
  return s.url;
}

describe('the widget poll limit', () => {
  it('is one budget per client address across instances sharing the store', async () => {
    const store = createMemoryStore();
    const [a, b] = [await instance(store), await instance(store)];
    const statuses: number[] = [];
    for (const url of [a, b, a, b]) statuses.push((await fetch(`${url}/chat/updates?conversationId=poll-conv-1&userId=poll-user-1`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});
