import { describe, expect, it } from 'vitest';
import type { MessageHandler } from '../../src/bot.ts';
import type { Channel } from '../../src/channels/channel.ts';
import { ChannelRegistry } from '../../src/channels/channel-registry.ts';
import type { Reply } from '../../src/core/message.ts';

/** A bare channel that records what happens to it and can hand in a message stamped with any id. */
class Probe implements Channel {
  readonly events: string[] = [];
  readonly sent: Array<{ conversationId: string; reply: Reply }> = [];
  handle?: MessageHandler;
  constructor(readonly id: string, private readonly failStart = false) {}
  async start(handle: MessageHandler) {
    this.events.push('start');
    if (this.failStart) throw new Error(`${this.id} cannot connect`);
    this.handle = handle;
  }
  async send(conversationId: string, reply: Reply) {
    this.sent.push({ conversationId, reply });
  }
  async stop() {
    this.events.push('stop');
  }
  say(channel: string) {
    return this.handle!({ messageId: 'm-1', conversationId: 'c-1', userId: 'u-1', channel, text: 'hi', receivedAt: new Date() });
  }
}

const echo: MessageHandler = async (m) => [{ kind: 'text', text: `${m.channel}: ${m.text}` }];

describe('ChannelRegistry', () => {
  it('refuses malformed and duplicate ids at registration', () => {
    const registry = new ChannelRegistry().register(new Probe('sms'));
    expect(() => registry.register(new Probe('sms'))).toThrow(/registered twice/);
    for (const bad of ['SMS', 'sms:2', '', '9lives']) expect(() => registry.register(new Probe(bad))).toThrow(/channel id/);
    expect(registry.ids()).toEqual(['sms']);
  });

  it('lets a channel hand in only messages stamped with its own id', async () => {
    const sms = new Probe('sms');
    await new ChannelRegistry().register(sms).start(echo);
    expect(await sms.say('sms')).toEqual([{ kind: 'text', text: 'sms: hi' }]);
    await expect(sms.say('webhook')).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/stamped "webhook"/) });
  });

  it('routes send() to the named channel and refuses an unknown one with CONFLICT', async () => {
    const [a, b] = [new Probe('alpha'), new Probe('beta')];
    const registry = new ChannelRegistry().register(a).register(b);
    await registry.send('beta', 'c-9', { kind: 'text', text: 'from an operator' });
    expect(b.sent).toEqual([{ conversationId: 'c-9', reply: { kind: 'text', text: 'from an operator' } }]);
    expect(a.sent).toEqual([]);
    await expect(registry.send('fax', 'c-9', { kind: 'text', text: 'x' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('stops the channels it started when one fails to start, and stops in reverse order', async () => {
    const [a, b, c] = [new Probe('alpha'), new Probe('beta', true), new Probe('gamma')];
    const registry = new ChannelRegistry().register(a).register(b).register(c);
    await expect(registry.start(echo)).rejects.toThrow(/beta cannot connect/);
    expect([a.events, b.events, c.events]).toEqual([['start', 'stop'], ['start', 'stop'], []]);
    const order: string[] = [];
    const ok = new ChannelRegistry();
    for (const id of ['one', 'two']) ok.register({ id, start: async () => undefined, send: async () => undefined, stop: async () => void order.push(id) });
    await ok.start(echo);
    await ok.stop();
    expect(order).toEqual(['two', 'one']);
  });
});
