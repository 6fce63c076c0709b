import type { DialogueInput } from './dialogue-input.ts';
import { DESCRIBES_PROBLEM, FAULT_IN_USE } from './tasks/report-problem-task.ts';

const SENTENCE = /(?<=[?!.])\s+(?=\S)/;
/** "... and also can I ...", "... btw do you ...": a second request joined by a connective. */
const JOINED = /\s+(?:and also|also|plus|oh and|and btw|btw|by the way|another thing|one more thing|and)\s*,?\s+(?=(?:can|could|do|does|did|is|are|will|would|how|what|when|where|why|which|i|i'd|i'm|my|please|pls)\b)/i;
const SMALL_TALK = new Set(['greeting', 'thanks', 'goodbye']);
const REMEDY = new Set(['return_policy', 'get_refund', 'warranty', 'complaint', 'start_return']);
/** A part must be understood at least this surely to be answered on its own. */
const PART_MIN_SCORE = 0.75;
const MAX_PARTS = 3;
/** "... and when is it open": a part about the same thing as the one before. */
const LEANS_BACK = /\b(is|are|does|do|can|will|was|were) (it|they|that|this|those|these)\b|^\s*(and )?(it|they|that)\b/i;
/** "it's a big box", "that's the grey one": a remark that only describes the other part, never a request of its own. */
const REMARK = /^\s*(it'?s|it is|it was|its|that'?s|that is|this is|they'?re|they are|they were)\b[^?]*$/i;

/** The message cut into its requests (sentences, then "... and also ..."). */
export function clauses(message: string): string[] {
  return message
    .split(SENTENCE)
    .flatMap((s) => s.split(JOINED))
    .map((s) => s.trim())
    .filter((s) => s.split(/\s+/).length >= 3 && !REMARK.test(s));
}

/**
 * Two questions in one message ("where is my order? also do you ship to norway"): each part understood on its own.
 * Returns the parts worth answering separately, or [] when the message is one request (the usual case). Product
 * questions stay whole: "how much is it and is it in stock?" is one product with two facts.
 */
export async function splitRequests(input: DialogueInput): Promise<Array<{ text: string; intent: string; input: DialogueInput }>> {
  const parts = clauses(input.nlu.text).slice(0, MAX_PARTS);
  if (parts.length < 2) return [];
  const read = await Promise.all(parts.map(async (text) => ({ text, nlu: await input.deps.analyze(text) })));
  const understood = read
    .map((r) => ({ ...r, top: r.nlu.intent.ranking[0] }))
    .filter((r) => r.top && !r.nlu.intent.outOfScope && r.top.score >= PART_MIN_SCORE);
  // A problem report covers the questions about its remedy ("... ripped the first time. can I get a new one or only
  // my money back?"): the report asks replacement or refund itself.
  const reporting = understood.some((r) => r.top.intent === 'report_problem' && (DESCRIBES_PROBLEM.test(r.text) || FAULT_IN_USE.test(r.text)));
  const requests = understood.filter((r) => !SMALL_TALK.has(r.top.intent) && !(reporting && REMEDY.has(r.top.intent)));
  // Only the report is left: the whole message is the report (its remedy question included).
  if (reporting && requests.length === 1 && understood.length > 1) return [{ text: input.nlu.text, intent: 'report_problem', input }];
  const intents = new Set(requests.map((r) => r.top.intent));
  const productOnly = [...intents].every((i) => i.startsWith('product_'));
  // "how long do I have for returns, and can opened pillowcases go back?": two questions of one intent, each with
  // its own answer, when both are answered from the knowledge base.
  const sameIntentQuestions = intents.size === 1 && requests.length >= 2 && requests.every((r) => /\?\s*$|^\s*(and |but )?(how|what|when|where|can|could|do|does|is|are|will)\b/i.test(r.text)) && !requests.slice(1).some((r) => LEANS_BACK.test(r.text)) && input.deps.behaviours.actionsFor([...intents][0]).every((a) => a.kind === 'behaviour' && a.name === 'faq');
  if ((intents.size < 2 && !sameIntentQuestions) || productOnly) return [];
  const seen = new Set<string>();
  return requests
    .filter((r) => sameIntentQuestions || (!seen.has(r.top.intent) && seen.add(r.top.intent)))
    .map((r) => ({ text: r.text, intent: r.top.intent, input: { ...input, nlu: r.nlu, outcome: undefined } }));
}
