import type { Reply } from '../core/message.ts';
import { redact, type RedactionOptions } from '../feedback/redact.ts';

export type PersonalTag = '[name]' | '[address]' | '[email]';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Personal values the bot met during one turn (an order's name, address and email, an address the customer gave), so
 * that stored copies of the turn lose them wherever they appear, also where no pattern would recognise them ("goes to
 * Lukas Schneider, ..., 50674 Köln"). Patterns (redact) then catch what the customer typed about themselves.
 */
export class PersonalValues {
  private readonly values = new Map<string, PersonalTag>();

  add(value: string | undefined, tag: PersonalTag): void {
    const v = value?.trim();
    if (!v || v.length < 3) return;
    this.values.set(v, tag);
    if (tag === '[name]') {
      // A reply may greet by the first name only.
      for (const part of v.split(/\s+/)) if (part.length >= 3 && /^\p{Lu}/u.test(part)) this.values.set(part, tag);
    }
    if (tag === '[address]') {
      // Addresses are quoted in parts: the street line, "3512 PE Utrecht". A lone country is not personal.
      for (const part of v.split(/[,\n]/).map((p) => p.trim())) if (/\d/.test(part) || part.split(/\s+/).length >= 2) this.values.set(part, tag);
    }
  }

  /** Every personal field of an order the dialogue read. */
  addOrder(order: { email: string; customerName: string; shippingAddress: string }): void {
    this.add(order.email, '[email]');
    this.add(order.shippingAddress, '[address]');
    this.add(order.customerName, '[name]');
  }

  get size(): number {
    return this.values.size;
  }

  redact(text: string, options?: RedactionOptions): string {
    let out = text;
    // Longest first, so "Lukas Schneider" goes as a whole before "Lukas" could split it.
    for (const [value, tag] of [...this.values].sort((a, b) => b[0].length - a[0].length)) {
      out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escape(value)}(?![\\p{L}\\p{N}])`, 'giu'), tag);
    }
    return redact(out, options);
  }

  redactReply(reply: Reply, options?: RedactionOptions): Reply {
    const r = (t: string) => this.redact(t, options);
    switch (reply.kind) {
      case 'text':
      case 'handoff':
        return { ...reply, text: r(reply.text) };
      case 'quick_replies':
        return { ...reply, text: r(reply.text), options: reply.options.map((o) => ({ label: r(o.label), value: r(o.value) })) };
      case 'product_cards':
        return reply.text === undefined ? reply : { ...reply, text: r(reply.text) };
    }
  }
}

/**
 * True when `stored` is a redacted copy of `raw`: every tag stands for some text, the rest is equal. A retried message
 * is compared with its stored copy this way, since the raw text is never stored.
 */
export function matchesRedacted(raw: string, stored: string): boolean {
  const pattern = stored
    .split(/(\[(?:email|iban|ssn|card|order|phone|address|postcode|name)\])/)
    .map((part, i) => (i % 2 === 1 ? '[\\s\\S]+?' : escape(part)))
    .join('');
  return new RegExp(`^${pattern}$`, 'u').test(raw);
}
