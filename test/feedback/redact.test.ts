import { describe, expect, it } from 'vitest';
import { redact } from '../../src/feedback/redact.ts';

describe('redact', () => {
  it('removes emails, phone numbers, card numbers and street addresses', () => {
    const text = 'I am anna.k@example.com, call +31 6 1234 5678, card 4111 1111 1111 1111, ship to 12 Baker Street or Keizersgracht 12';
    const out = redact(text);
    expect(out).toBe('I am [email], call [phone], card [card], ship to [address] or [address]');
  });

  it('redacts order ids only when configured', () => {
    expect(redact('order SM-100648 please')).toBe('order SM-100648 please');
    expect(redact('order SM-100648 please', { orderIds: true })).toBe('order [order] please');
    expect(redact('where is #1001? and order no. 1002', { orderIds: true })).toBe('where is [order]? and [order]');
    expect(redact('where is #1001?', { orderIds: false })).toBe('where is #1001?');
  });

  it('leaves ordinary text alone', () => {
    const text = 'Do you have the oak table in 180 cm? It costs 499 EUR, right?';
    expect(redact(text)).toBe(text);
  });
});

describe('redact: formats a probe found in clear', () => {
  it.each([
    ['call me on (555) 123-4567 please', 'call me on [phone] please'],
    ['or 555-123-4567 after six', 'or [phone] after six'],
    ['my ssn is 123-45-6789', 'my ssn is [ssn]'],
    ['refund to NL91 ABNA 0417 1643 00 thanks', 'refund to [iban] thanks'],
    ['iban nl91abna0417164300', 'iban [iban]'],
    ['DE89 3704 0044 0532 0130 00', '[iban]'],
    ['account ABNA 0417 1643 00', 'account [iban]'],
    ['Brüsseler Straße 18, 50674 Köln', '[address], [postcode]'],
    ['Lange Nieuwstraat 41, 3512 PE Utrecht', 'Lange [address], [postcode] Utrecht'],
    ['10 Downing Street, London SW1A 2AA', '[address], London [postcode]'],
    ['Rue Haute 5, 1000 Bruxelles', 'Rue Haute 5, [postcode]'],
    ['Springfield, IL 62704', 'Springfield, [postcode]'],
    ['hi, my name is Anna de Vries and my order is late', 'hi, my name is [name] and my order is late'],
    ['kind regards, Sam Lee', 'kind regards, [name]'],
    ['Hi Johanna, I will call you back', 'Hi [name], I will call you back'],
    ['Dear Mrs de Vries!', 'Dear [name]!'],
    ['thanks Tom', 'thanks [name]'],
  ])('%s', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it('leaves sizes, prices, years and product numbers alone', () => {
    for (const text of ['the 2000 W kettle', 'is the 180 x 90 cm table 499 EUR?', 'ordered in 2025, size 42', 'product P-1084', 'my name is on the order', 'a 3 seater sofa', 'hi Lune armchair in stock?', 'Hello, is the Fjord lamp dimmable?', 'thanks a lot!', 'Hi, Tom here']) {
      expect(redact(text)).toBe(text);
    }
  });
});
