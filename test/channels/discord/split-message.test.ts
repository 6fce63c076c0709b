import { describe, expect, it } from 'vitest';
import { parseCustomId, quickRefId, quickReplyId, thumbsId } from '../../../src/channels/discord/custom-ids.ts';
import { splitMessage } from '../../../src/channels/discord/split-message.ts';

const words = (text: string) => text.split(/\s+/).filter(Boolean);

describe('splitMessage', () => {
  it('leaves short text alone', () => {
    expect(splitMessage('hello')).toEqual(['hello']);
  });

  it('prefers paragraph breaks and never cuts a word', () => {
    const para = 'lorem ipsum dolor sit amet '.repeat(30).trim();
    const text = [para, para, para, para].join('\n\n');
    const chunks = splitMessage(text);
    expect(chunks.every((c) => c.length <= 2000)).toBe(true);
    expect(chunks[0]).toBe(`${para}\n\n${para}`);
    expect(chunks.flatMap(words)).toEqual(words(text));
  });

  it('falls back to word boundaries for one long paragraph', () => {
    const text = Array.from({ length: 900 }, (_, i) => `word${i}`).join(' ');
    const chunks = splitMessage(text, 500);
    expect(chunks.every((c) => c.length <= 500)).toBe(true);
    expect(chunks.flatMap(words)).toEqual(words(text));
  });

  it('keeps code fences balanced across chunks', () => {
    const code = Array.from({ length: 120 }, (_, i) => `  const value${i} = compute(${i});`).join('\n');
    const text = `Here is the script:\n\n\`\`\`ts\n${code}\n\`\`\`\n\nThat is all.`;
    const chunks = splitMessage(text, 1000);
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(1000);
      expect((c.match(/```/g) ?? []).length % 2).toBe(0);
    }
    expect(chunks[1]!.startsWith('```ts\n')).toBe(true);
    expect(chunks.join('\n').match(/const value\d+/g)).toHaveLength(120);
  });

  it('hard-cuts a word longer than the limit without splitting an emoji', () => {
    const chunks = splitMessage('a'.repeat(9) + '😀'.repeat(5), 10);
    expect(chunks.join('')).toBe('a'.repeat(9) + '😀'.repeat(5));
    expect(chunks.every((c) => c.length <= 10 && !/[\ud800-\udbff]$/.test(c))).toBe(true);
  });
});

describe('button custom ids', () => {
  it('round-trips thumbs and quick replies, including values with separators', () => {
    expect(parseCustomId(thumbsId('discord:1:0', 'down'))).toEqual({ type: 'thumbs', value: 'down', replyId: 'discord:1:0' });
    expect(parseCustomId(quickReplyId('discord:1:2', 'a|b')!)).toEqual({ type: 'quick', replyId: 'discord:1:2', value: 'a|b' });
    expect(parseCustomId(quickRefId('discord:1:2', 3))).toEqual({ type: 'quickRef', replyId: 'discord:1:2', index: 3 });
    expect(parseCustomId('something-else')).toBeUndefined();
  });

  it('refuses quick-reply values that would exceed 100 characters', () => {
    expect(quickReplyId('discord:123456789012345678:0', 'x'.repeat(80))).toBeUndefined();
  });
});
