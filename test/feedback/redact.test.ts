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
  });

  it('leaves ordinary text alone', () => {
    const text = 'Do you have the oak table in 180 cm? It costs 499 EUR, right?';
    expect(redact(text)).toBe(text);
  });
});
