import { describe, expect, it } from 'vitest';
import { renderReply } from '../../../src/channels/discord/render-discord.ts';

const render = { publicBaseUrl: 'https://shop.example', remember: () => undefined };

describe('renderReply', () => {
  it('shows echoed customer text as typed: no masked links, headers, bold or mentions in the bot voice', () => {
    const [message] = renderReply({ kind: 'text', text: 'Our catalog says nothing about "[free code](https://evil.example)" or\n# URGENT @everyone **now**' }, 'r1', render);
    // An escaped opening bracket is enough for Discord not to render a masked link.
    expect(message.content).toContain('\\[free code](');
    expect(message.content).not.toMatch(/(^|[^\\])\[free code\]\(/);
    expect(message.content).toContain('\\# URGENT');
    expect(message.content).toContain('\\*\\*now\\*\\*');
    expect(message.allowedMentions).toEqual({ parse: [] });
  });
});
