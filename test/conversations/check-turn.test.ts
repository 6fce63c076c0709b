import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkTurn, type ObservedTurn } from '../../src/conversations/check-turn.ts';
import { durationMs, sayStepSchema } from '../../src/conversations/conversation-spec.ts';
import { loadConversations } from '../../src/conversations/load-conversations.ts';

const step = (s: Record<string, unknown>) => sayStepSchema.parse({ say: 'x', ...s });
const seen = (o: Partial<ObservedTurn> = {}): ObservedTurn => ({
  replies: [{ kind: 'text', text: 'The Lune Armchair costs 449.00 EUR.' }],
  topIntent: 'product_information',
  ownership: 'bot',
  actions: [],
  ...o,
});
const cards = (...ids: string[]) => [{ kind: 'product_cards' as const, text: 'here', products: ids.map((productId) => ({ productId, title: productId, price: 1, currency: 'EUR', image: '', url: '', inStock: true })) }];

describe('checking one turn', () => {
  it('passes a turn whose reply states the facts asked for', () => {
    expect(checkTurn(step({ reply: ['449', 'armchair'], intent: ['product_information'] }), seen())).toEqual({ problems: [], harmful: [] });
  });

  it('fails on a missing fact, a forbidden word or the wrong intent, harmful only for `never`', () => {
    const v = checkTurn(step({ reply: '549', not: 'armchair', never: 'costs 449', intent: 'product_availability' }), seen());
    expect(v.problems).toHaveLength(4);
    expect(v.harmful).toEqual(['reply states /costs 449/ (harmful)']);
  });

  it('counts silence, an anger handoff and an unasked order change as harmful, an unexpected plain handoff as a failure', () => {
    expect(checkTurn(step({}), seen({ replies: [] })).harmful).toEqual(['the bot said nothing']);
    expect(checkTurn(step({ silent: true }), seen({ replies: [] })).problems).toEqual([]);
    expect(checkTurn(step({}), seen({ handoffReason: 'negative_sentiment' })).harmful).toHaveLength(1);
    const requested = checkTurn(step({}), seen({ handoffReason: 'requested' }));
    expect([requested.problems.length, requested.harmful.length]).toEqual([1, 0]);
    expect(checkTurn(step({}), seen({ actions: ['cancel SM-100815'] })).harmful).toHaveLength(1);
    expect(checkTurn(step({ action: 'cancel SM-100815' }), seen({ actions: ['cancel SM-100815'] })).problems).toEqual([]);
    expect(checkTurn(step({ action: 'return SM-100604' }), seen()).problems).toEqual(['expected order action "return sm-100604"']);
  });

  it('treats another product shown instead of the expected one as harmful, a missing card alone as a failure', () => {
    expect(checkTurn(step({ cards: ['P-1048'] }), seen({ replies: cards('P-1049') })).harmful).toHaveLength(1);
    expect(checkTurn(step({ cards: ['P-1048'] }), seen()).harmful).toEqual([]);
    expect(checkTurn(step({ notCards: ['P-1049'] }), seen({ replies: cards('P-1048', 'P-1049') })).harmful).toHaveLength(1);
    expect(checkTurn(step({ cards: ['P-1048'], firstCard: 'P-1048' }), seen({ replies: cards('P-1048', 'P-1049') })).problems).toEqual([]);
  });

  it('checks task, ownership and language', () => {
    const v = checkTurn(step({ task: 'cancel_order', ownership: 'agent', language: 'de' }), seen({ task: 'order_status', language: 'en' }));
    expect(v.problems).toEqual(['task order_status, expected cancel_order', 'ownership bot, expected agent', 'language en, expected de']);
  });
});

describe('conversation files', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const file = (text: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'conv-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'x.yaml'), text);
    return dir;
  };

  it('loads valid files with the file name as the default category', () => {
    const specs = loadConversations([file('conversations:\n  - name: a\n    turns:\n      - say: hi\n      - wait: 5m\n      - operator: hand_back\n')]);
    expect(specs).toMatchObject([{ name: 'a', category: 'x' }]);
    expect(durationMs('5m')).toBe(300_000);
  });

  it('names the file, conversation, turn and field of every problem at once', () => {
    const broken = file('conversations:\n  - name: a\n    turns:\n      - say: hi\n      - say: yo\n        cards: P-1\n  - name: b\n    turns:\n      - wait: soon\n');
    expect(() => loadConversations([broken])).toThrow(/conversations\[0\] \(a\)\.turns\[1\]\.cards: Invalid input: expected array/);
    expect(() => loadConversations([broken])).toThrow(/conversations\[1\] \(b\)\.turns\[0\]\.wait: expected a duration/);
    const regex = file('conversations:\n  - name: a\n    turns:\n      - say: hi\n        reply: ["(unclosed"]\n  - name: a\n    turns:\n      - say: yo\n');
    expect(() => loadConversations([regex])).toThrow(/turns\[0\]\.reply: not a valid regular expression/);
    expect(() => loadConversations([regex])).toThrow(/conversations\[1\] \(a\): duplicate name/);
  });
});
