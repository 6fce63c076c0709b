import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageHandler } from '../../src/bot.ts';
import type { Channel } from '../../src/channels/channel.ts';
import { ChannelRegistry } from '../../src/channels/channel-registry.ts';
import { isShopmateError } from '../../src/core/errors.ts';
import { CHANNEL_ID_PATTERN, type IncomingMessage, type Reply } from '../../src/core/message.ts';
import { LAMP } from './fake-bot.ts';

/** One channel on its platform, as the contract drives it. */
export interface ContractHarness {
  channel: Channel;
  /** The customer writes `text` where they always write (one conversation); resolves once the platform sent it. */
  customerSays(text: string): Promise<void>;
  /** Everything the platform has shown the customer so far, as plain text (message text, buttons, cards). */
  shown(): Promise<string>;
  /** A conversation id that belongs to another channel. */
  foreignConversationId: string;
  close(): Promise<void>;
}

/**
 * Builds the channel on its (fake) platform and starts it with `start`, which registers it in a ChannelRegistry and
 * starts it there, as in production (a channel whose start() runs until its input ends need not await it).
 */
export type HarnessFactory = (start: (channel: Channel) => Promise<void>) => Promise<ContractHarness>;

export const EVERY_KIND: Reply[] = [
  { kind: 'text', text: 'Here is all of it' },
  { kind: 'quick_replies', text: 'Pick one', options: [{ label: 'Track parcel', value: 'track my parcel' }] },
  { kind: 'product_cards', text: 'You might like', products: [LAMP] },
  { kind: 'handoff', text: 'A colleague will take over', queuePosition: 2 },
];

/** Plays the bot: every kind of reply on request, a failure on "boom", an echo otherwise. */
function scriptedBot(received: IncomingMessage[]): MessageHandler {
  return async (message) => {
    received.push(message);
    if (message.text === 'show me everything') return EVERY_KIND;
    if (message.text === 'boom') throw new Error('scripted failure');
    return [{ kind: 'text', text: `You said: ${message.text}` }];
  };
}

/** Polls until `probe` holds (no fixed sleeps): platforms deliver asynchronously. */
export async function until(probe: () => Promise<boolean> | boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * What every channel promises, whatever its platform: it translates platform messages in (stamped with its own id,
 * one stable conversation per place), renders every reply kind out, delivers send() only into its own conversations,
 * and survives a failing turn.
 */
export function channelContract(name: string, factory: HarnessFactory): void {
  describe(`Channel contract: ${name}`, () => {
    const received: IncomingMessage[] = [];
    let h: ContractHarness;
    const shows = (text: string) => until(async () => (await h.shown()).includes(text), `"${text}" on ${name}`);
    beforeAll(async () => {
      h = await factory((channel) => new ChannelRegistry().register(channel).start(scriptedBot(received)));
    }, 20_000);
    afterAll(async () => h?.close());

    it('has a well-formed id', () => {
      expect(h.channel.id).toMatch(CHANNEL_ID_PATTERN);
    });

    it('translates a platform message in: its own id, the text, ids and time, the same conversation each time', async () => {
      const before = received.length;
      await h.customerSays('hello from the contract');
      await shows('You said: hello from the contract');
      await h.customerSays('and once more');
      await shows('You said: and once more');
      const [first, second] = received.slice(before);
      expect(first).toMatchObject({ channel: h.channel.id, text: 'hello from the contract' });
      for (const m of [first!, second!]) {
        expect(m.messageId).toEqual(expect.any(String));
        expect(m.userId).toEqual(expect.any(String));
        expect(m.receivedAt).toBeInstanceOf(Date);
        expect(m.conversationId).toBe(first!.conversationId);
      }
      expect(second!.messageId).not.toBe(first!.messageId);
    });

    it('renders every reply kind out: text, quick replies, product cards and the handoff notice', async () => {
      await h.customerSays('show me everything');
      for (const text of ['Here is all of it', 'Pick one', 'Track parcel', LAMP.title, 'A colleague will take over']) await shows(text);
    });

    it('delivers send() into its own conversation, and refuses another channel\'s with a coded error', async () => {
      const own = received.at(-1)!.conversationId;
      await h.channel.send(own, { kind: 'text', text: 'Operator Sam here' });
      await shows('Operator Sam here');
      const refused = await h.channel.send(h.foreignConversationId, { kind: 'text', text: 'Not for you' }).then(() => undefined, (e: unknown) => e);
      expect(isShopmateError(refused) && ['BAD_REQUEST', 'NOT_FOUND'].includes(refused.code)).toBe(true);
      await h.channel.send(own, { kind: 'text', text: 'Second operator line' });
      await shows('Second operator line');
      expect(await h.shown()).not.toContain('Not for you');
    });

    it('survives a failing turn: the next message is answered', async () => {
      await h.customerSays('boom').catch(() => undefined);
      await h.customerSays('still there?');
      await shows('You said: still there?');
      expect(received.map((m) => m.text)).toContain('boom');
    });

    it('stops cleanly, also twice', async () => {
      await h.channel.stop();
      await h.channel.stop();
    });
  });
}
