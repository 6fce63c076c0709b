import { replyToText, type Reply } from '../core/message.ts';
import type { SayStep } from './conversation-spec.ts';

/** What the bot did on one turn, as the expectations see it. */
export interface ObservedTurn {
  replies: Reply[];
  topIntent?: string;
  language?: string;
  task?: string;
  ownership: string;
  /** Why the bot handed over on this turn (undefined: it did not). */
  handoffReason?: string;
  /** Order changes this turn made, as "cancel SM-100815", "return SM-100604", "address ...", "method ... express". */
  actions: string[];
}

export interface TurnVerdict {
  problems: string[];
  /** The subset of problems that would hurt a customer (wrong fact, wrong product, unasked action, silence, anger handoff). */
  harmful: string[];
}

/** Everything a customer reads in the replies: texts, quick-reply labels, card titles and prices. */
export function replyText(replies: Reply[]): string {
  return replies
    .flatMap((r) => {
      if (r.kind === 'quick_replies') return [r.text, ...r.options.map((o) => o.label)];
      if (r.kind === 'product_cards') return [r.text ?? '', ...r.products.map((p) => `${p.title} ${p.price.toFixed(2)} ${p.currency}`)];
      return [replyToText(r)];
    })
    .join('\n');
}

export function cardIds(replies: Reply[]): string[] {
  return replies.flatMap((r) => (r.kind === 'product_cards' ? r.products.map((p) => p.productId) : []));
}

const normaliseAction = (a: string) => a.trim().replace(/\s+/g, ' ').toLowerCase();

/** Checks one turn against its expectations (test/conversations/README.md). */
export function checkTurn(step: SayStep, seen: ObservedTurn): TurnVerdict {
  const problems: string[] = [];
  const harmful: string[] = [];
  const fail = (msg: string, harm = false) => {
    problems.push(msg);
    if (harm) harmful.push(msg);
  };
  const text = replyText(seen.replies);
  const cards = cardIds(seen.replies);
  const re = (s: string) => new RegExp(s, 'iu');

  if (seen.replies.length === 0 && !step.silent) fail('the bot said nothing', true);
  if (seen.replies.length > 0 && step.silent) fail('expected silence, the bot answered');
  if (step.intent && !step.intent.includes(seen.topIntent ?? '')) fail(`top intent ${seen.topIntent ?? '(none)'}, expected ${step.intent.join(' or ')}`);
  for (const p of step.reply ?? []) if (!re(p).test(text)) fail(`reply does not match /${p}/`);
  for (const p of step.not ?? []) if (re(p).test(text)) fail(`reply matches /${p}/`);
  for (const p of step.never ?? []) if (re(p).test(text)) fail(`reply states /${p}/ (harmful)`, true);

  const missing = (step.cards ?? []).filter((id) => !cards.includes(id));
  if (missing.length > 0) {
    const wrong = cards.filter((id) => !(step.cards ?? []).includes(id));
    fail(`cards lack ${missing.join(', ')}${wrong.length ? ` (shown instead: ${wrong.join(', ')})` : ''}`, wrong.length > 0 && missing.length === step.cards!.length);
  }
  if (step.firstCard && cards[0] !== step.firstCard) fail(`first card ${cards[0] ?? '(none)'}, expected ${step.firstCard}`);
  const shownWrong = (step.notCards ?? []).filter((id) => cards.includes(id));
  if (shownWrong.length > 0) fail(`shows ${shownWrong.join(', ')}, which must not be shown`, true);
  if (step.noCards && cards.length > 0) fail(`expected no cards, got ${cards.join(', ')}`);

  const handedOff = seen.handoffReason !== undefined;
  if (step.handoff === true && !handedOff) fail('expected a handoff to a person');
  if (step.handoff !== true && handedOff) fail(`unexpected handoff (${seen.handoffReason})`, seen.handoffReason === 'negative_sentiment');
  if (step.task && (seen.task ?? 'none') !== step.task) fail(`task ${seen.task ?? 'none'}, expected ${step.task}`);
  if (step.ownership && seen.ownership !== step.ownership) fail(`ownership ${seen.ownership}, expected ${step.ownership}`);
  if (step.language && seen.language !== step.language) fail(`language ${seen.language ?? '(none)'}, expected ${step.language}`);

  const expected = (step.action ?? []).map(normaliseAction);
  const actual = seen.actions.map(normaliseAction);
  for (const a of expected) if (!actual.includes(a)) fail(`expected order action "${a}"`);
  for (const a of actual) if (!expected.includes(a)) fail(`order action "${a}" that the customer did not ask for`, true);
  return { problems, harmful };
}
