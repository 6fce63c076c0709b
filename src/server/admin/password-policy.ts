import { readFileSync } from 'node:fs';
import { ShopmateError } from '../../core/errors.ts';

export const MIN_PASSWORD_LENGTH = 12;

let common: Set<string> | undefined;
/** Loaded on first use (only the processes that set passwords need it). */
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#')),
  );
  return common;
}

/** Look-alike characters people swap in ("p@ssw0rd"): undone before the list look-up. */
const LEET: Record<string, string> = { '@': 'a', '0': 'o', '3': 'e', $: 's' };

/**
 * The forms of a password checked against the list: as typed (lower case), without spaces ("pass word 1234"), with
 * look-alikes undone, and without a trailing run of up to 8 digits or punctuation ("Sunshine2024!", a birth date):
 * what people add to a common word to satisfy a length rule. A long random suffix is left alone: it is not weak.
 */
function listForms(password: string): string[] {
  const lower = password.normalize('NFKC').toLowerCase().trim();
  const squashed = lower.replace(/\s+/g, '');
  const forms = [lower, squashed];
  for (const f of [lower, squashed]) {
    const [, base, run] = /^(.*?)([\d\p{P}\p{S}]+)$/u.exec(f) ?? [];
    if (base && run && base.length >= 4 && run.length <= 8) forms.push(base);
  }
  forms.push(...forms.map((f) => f.replace(/[@03$]/g, (c) => LEET[c]!)));
  return forms;
}

/** Why a password is refused, or null when it is acceptable. `username` is optional context (not part of it). */
export function passwordProblem(password: string, context: { username?: string } = {}): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `password must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.trim() === '') return 'password must not be only spaces';
  if (/^(.)\1*$/su.test(password.trim())) return 'password must not be one character repeated';
  const username = context.username?.trim().toLowerCase();
  if (username && username.length >= 3 && password.toLowerCase().includes(username)) return 'password must not contain the username';
  const list = commonPasswords();
  if (listForms(password).some((f) => list.has(f))) return 'password is too common (it is on the list of passwords attackers try first); choose a longer, less predictable one, e.g. several unrelated words';
  return null;
}

/** Every place that sets an operator password goes through this: a refused password is a 400 with the reason. */
export function assertAcceptablePassword(password: string, context: { username?: string } = {}): void {
  const problem = passwordProblem(password, context);
  if (problem) throw new ShopmateError('BAD_REQUEST', problem);
}
