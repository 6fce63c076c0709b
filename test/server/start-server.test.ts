import express from 'express';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/start-server.ts';

describe('startServer', () => {
  it('stops once however often it is asked, and keeps idle connections longer than clients do', async () => {
    const app = express();
    app.get('/', (_req, res) => void res.send('ok'));
    const running = await startServer(app, 0, '127.0.0.1');
    expect(await (await fetch(running.url)).text()).toBe('ok');
    expect(running.server.keepAliveTimeout).toBeGreaterThan(60_000);
    await Promise.all([running.close(), running.close()]);
    await running.close();
    expect(running.server.listening).toBe(false);
  });
});
