import { describe, expect, it } from 'vitest';
import { TerminalChannel } from '../../src/channels/terminal/terminal-channel.ts';
import { ShopmateError } from '../../src/core/errors.ts';

describe('TerminalChannel --json', () => {
  it('prints a refused turn as {"error"} and answers the next line', async () => {
    let printed = '';
    const channel = new TerminalChannel({
      io: { out: (t) => void (printed += t), lines: async function* () { yield 'first'; yield 'second'; } },
      userId: 'u-1',
      conversationId: 'someone-elses',
      format: 'json',
    });
    await channel.start(async (m) => {
      if (m.text === 'first') throw new ShopmateError('CONFLICT', 'this conversation belongs to another user');
      return [{ kind: 'text', text: `You said: ${m.text}` }];
    });
    const lines = printed.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { error: { code: 'CONFLICT', message: 'this conversation belongs to another user' } },
      expect.objectContaining({ text: 'second', replies: [{ kind: 'text', text: 'You said: second' }] }),
    ]);
  });
});
