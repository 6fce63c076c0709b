import type { Reply } from '../../core/message.ts';

const CARD = /\b(?:\d[ -]?){12,18}\d\b/g;

/** The Luhn checksum every payment card number passes (order numbers and phone numbers almost never do). */
function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * A card number typed into the chat: the customer is told not to, whatever else the message asks. The bot never
 * takes payments, and the turn log stores the number only as "[card]" (see feedback/redact.ts).
 */
export function cardWarning(text: string): Reply | undefined {
  const found = [...text.matchAll(CARD)].map((m) => m[0].replace(/\D/g, '')).some((d) => d.length >= 13 && d.length <= 19 && luhn(d));
  if (!found) return undefined;
  return {
    kind: 'text',
    text: "For your security, please don't send card details in the chat: I can't take payments here, and our team will never ask for your card number. Payment happens only at checkout. If you think someone has your card details, contact your bank.",
  };
}
