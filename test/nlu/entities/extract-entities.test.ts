import { describe, expect, it } from 'vitest';
import type { Entity } from '../../../src/nlu/entities/entity.ts';
import { extractEntities } from '../../../src/nlu/entities/extract-entities.ts';

// Wednesday 4 March 2026.
const now = new Date('2026-03-04T10:00:00Z');
const of = (text: string, type: Entity['type'], opts = {}) =>
  extractEntities(text, { now, ...opts }).filter((e) => e.type === type).map((e) => e.value);

describe('extractEntities: order ids', () => {
  it.each([
    ['where is SM-123456', 'SM-123456'],
    ['where is sm-123456', 'SM-123456'],
    ['order SM123456 please', 'SM-123456'],
    ['it is #SM-123456', 'SM-123456'],
    ['number sm 123456', 'SM-123456'],
    ['SM-123 456 is late', 'SM-123456'],
    ['my order #654321 never came', 'SM-654321'],
    ['order number 654321', 'SM-654321'],
  ])('%s', (text, expected) => expect(of(text, 'order_id')).toEqual([expected]));

  it('does not read an order id digits as a phone number, amount or quantity', () => {
    const all = extractEntities('order SM 123456 and sm1234567 are different', { now });
    expect(all.map((e) => e.type)).toEqual(['order_id']);
    expect(extractEntities('refund for #123456 of 12 €', { now }).map((e) => e.type)).toEqual(['order_id', 'amount']);
  });

  it('keeps offsets consistent with the raw text', () => {
    const text = 'hi, order #SM-123456 is late';
    for (const e of extractEntities(text, { now })) expect(text.slice(e.start, e.end)).toBe(e.raw);
  });
});

describe('extractEntities: emails and phones', () => {
  it('finds and lower-cases emails', () => {
    expect(of('write to Jane.Doe+shop@Example.co.uk, thanks', 'email')).toEqual(['jane.doe+shop@example.co.uk']);
  });

  it.each([
    ['call +49 151 2345 6789', '+4915123456789'],
    ['call 0049 151 23456789', '+4915123456789'],
    ['my number is +1 (555) 123-4567', '+15551234567'],
    ['ring 0151 23456789', '015123456789'],
    ['ring (030) 123-4567', '0301234567'],
  ])('%s', (text, expected) => expect(of(text, 'phone')).toEqual([expected]));

  it('adds the default country code to local numbers with a trunk zero', () => {
    expect(of('ring 0151 23456789', 'phone', { defaultCountryCode: '49' })).toEqual(['+4915123456789']);
  });

  it('does not take dates, amounts or short numbers for phone numbers', () => {
    expect(of('on 2026-11-03 I paid 1.234,56 € for 12345', 'phone')).toEqual([]);
  });
});

describe('extractEntities: amounts', () => {
  it.each([
    ['it cost €12', { amount: 12, currency: 'EUR' }],
    ['it cost 12,50 €', { amount: 12.5, currency: 'EUR' }],
    ['it cost 12 euros', { amount: 12, currency: 'EUR' }],
    ['it cost EUR 1.234,56', { amount: 1234.56, currency: 'EUR' }],
    ['it cost $1,234.56', { amount: 1234.56, currency: 'USD' }],
    ['it cost 20 USD', { amount: 20, currency: 'USD' }],
    ['it cost £9.99', { amount: 9.99, currency: 'GBP' }],
    ['it cost 15 pounds', { amount: 15, currency: 'GBP' }],
  ])('%s', (text, expected) => expect(of(text, 'amount')).toEqual([expected]));

  it('does not read a plain number as money', () => {
    expect(of('I have 12 questions', 'amount')).toEqual([]);
  });
});

describe('extractEntities: dates', () => {
  it.each([
    ['it came today', '2026-03-04'],
    ['it came yesterday', '2026-03-03'],
    ['arrives tomorrow', '2026-03-05'],
    ['ordered last friday', '2026-02-27'],
    ['ordered on monday', '2026-03-02'],
    ['ordered last wednesday', '2026-02-25'],
    ['arrives next monday', '2026-03-09'],
    ['ordered 3 days ago', '2026-03-01'],
    ['ordered two weeks ago', '2026-02-18'],
    ['ordered on 12 March', '2026-03-12'],
    ['ordered on the 2nd of December', '2025-12-02'],
    ['ordered on March 3rd', '2026-03-03'],
    ['due 2026-11-03', '2026-11-03'],
    ['due 12/03/2026', '2026-03-12'],
    ['due 25.12.2025', '2025-12-25'],
  ])('%s', (text, expected) => expect(of(text, 'date')).toEqual([expected]));

  it('reads slashed dates month-first when asked, and when the day-first reading is impossible', () => {
    expect(of('due 12/03/2026', 'date', { dayFirst: false })).toEqual(['2026-12-03']);
    expect(of('due 03/25/2026', 'date')).toEqual(['2026-03-25']);
  });

  it('rejects impossible dates', () => {
    expect(of('due 2026-02-30', 'date')).toEqual([]);
  });
});

describe('extractEntities: quantities', () => {
  it.each([
    ['I want 2x of those', 2],
    ['send x3 please', 3],
    ['two of them', 2],
    ['3 pieces', 3],
    ['a dozen please', 12],
  ])('%s', (text, expected) => expect(of(text, 'quantity')).toEqual([expected]));

  it('leaves bare numbers and "3 days ago" alone', () => {
    expect(of('I called 3 times, 3 days ago', 'quantity')).toEqual([]);
  });
});

describe('extractEntities: nothing to find', () => {
  it.each(['', '   ', 'hello, how are you?', 'I would like to talk to a human', 'sat in the sun on a mon-key day'])(
    '%j has no entities',
    (text) => expect(extractEntities(text, { now })).toEqual([]),
  );
});

describe('extractEntities: countries', () => {
  it.each([
    ['how much is shipping to Switzerland?', 'CH'],
    ['versand in die Schweiz', 'CH'],
    ['do you deliver to the UK', 'GB'],
    ['shipping to zurich?', 'CH'],
    ['i live in Hamburg', 'DE'],
    ['do you ship to nice?', 'FR'],
  ])('%s', (text, expected) => expect(of(text, 'country')).toEqual([expected]));
  it.each(['nice. do I need to buy the filling separately?', 'a cork board for the kitchen', 'turkey roasting tin', 'china plates', 'is it in stock', 'tell us more'])(
    '%j names no country',
    (text) => expect(of(text, 'country')).toEqual([]),
  );
});
