import { fromMatch, type Entity } from './entity.ts';

const EMAIL = /(?<![\w.+-])[\w.%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}])/gu;

export function findEmails(text: string): Entity[] {
  return [...text.matchAll(EMAIL)].map((m) => fromMatch(m as RegExpExecArray, 'email', m[0].toLowerCase(), 0.98));
}
