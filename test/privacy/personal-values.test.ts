import { describe, expect, it } from 'vitest';
import { matchesRedacted, PersonalValues } from '../../src/privacy/personal-values.ts';
import { DataVault } from '../../src/privacy/data-vault.ts';
import { randomBytes } from 'node:crypto';

const order = { email: 'lukas.schneider@example.org', customerName: 'Lukas Schneider', shippingAddress: 'Lukas Schneider, Brüsseler Straße 18, 50674 Köln, Germany' };

describe('PersonalValues', () => {
  it('removes an order address the bot echoes, in whole and in parts', () => {
    const p = new PersonalValues();
    p.addOrder(order);
    expect(p.redact('Order SM-100815 currently goes to: Lukas Schneider, Brüsseler Straße 18, 50674 Köln, Germany. What is the new address?'))
      .toBe('Order SM-100815 currently goes to: [address]. What is the new address?');
    expect(p.redact('Thanks Lukas, we deliver to Brüsseler Straße 18 (50674 Köln)')).toBe('Thanks [name], we deliver to [address] ([address])');
    expect(p.redact('We ship to Germany')).toBe('We ship to Germany');
  });

  it('redacts text fields of every reply kind and leaves product cards alone', () => {
    const p = new PersonalValues();
    p.add('Kerkstraat 77, 1017 GC Amsterdam', '[address]');
    const reply = p.redactReply({ kind: 'quick_replies', text: 'Change it to Kerkstraat 77, 1017 GC Amsterdam?', options: [{ label: 'Yes', value: 'yes' }] });
    expect(reply).toEqual({ kind: 'quick_replies', text: 'Change it to [address]?', options: [{ label: 'Yes', value: 'yes' }] });
  });
});

describe('matchesRedacted', () => {
  it('accepts the raw text its redacted copy came from and nothing else', () => {
    const p = new PersonalValues();
    const raw = 'my email is anna@example.com and I live at Keizersgracht 12';
    const stored = p.redact(raw);
    expect(stored).toBe('my email is [email] and I live at [address]');
    expect(matchesRedacted(raw, stored)).toBe(true);
    expect(matchesRedacted('my email is anna@example.com and I live near Keizersgracht 12', stored)).toBe(false);
    expect(matchesRedacted('cancel my order', stored)).toBe(false);
    expect(matchesRedacted('a (b) [c]?', 'a (b) [c]?')).toBe(true);
  });
});

describe('DataVault', () => {
  it('opens what it sealed, and nothing sealed with another key or altered', () => {
    const vault = new DataVault(randomBytes(32));
    const sealed = vault.seal('Kerkstraat 77');
    expect(sealed).not.toContain('Kerkstraat');
    expect(vault.open(sealed)).toBe('Kerkstraat 77');
    expect(new DataVault(randomBytes(32)).open(sealed)).toBeUndefined();
    const altered = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(vault.open(altered)).toBeUndefined();
    expect(vault.open('not sealed')).toBeUndefined();
  });
});
