import type { Reply } from '../../core/message.ts';
import type { KnowledgeHitRef } from '../dialogue-deps.ts';
import { text, type DialogueInput } from '../dialogue-input.ts';

/** Among hits this close to the best, the one answering the customer's intent wins. */
const TOPIC_MARGIN = 0.1;
/** When the search itself is unsure (best below this), an entry of the intent may come from further down... */
const CONFIDENT_HIT = 0.5;
/** ...as long as it scores at least this share of the best. */
const TOPIC_SHARE = 0.55;
/** A curated FAQ answer is preferred to a policy sentence that scores at most this much higher. */
const FAQ_PREFERENCE = 0.08;
/** A word in at most this many entries is distinctive of them. */
const RARE = 2;
/** Every FAQ entry and policy section is a candidate (the demo shop has about a hundred). */
const CANDIDATES = 200;

export interface KnowledgeOptions {
  /** Below this fused score nothing is answered (raised when no intent vouches for the question). */
  minScore?: number;
  /** The question to search for, or several phrasings of it (each entry keeps its best score); default the message. */
  query?: string | string[];
  /** Prefer the entry that answers this intent; default the intent being answered. */
  intent?: string;
  /** Also accept a lower score when one entry clearly leads ("do you do gift wrapping?" matches one entry only). */
  clearLead?: { score: number; margin: number };
  /** Entries not to give again. */
  exclude?: string[];
  /** A follow-up question: when the entry just given answers it again, only its sentences about this are repeated. */
  focusOn?: string;
  /** Answer only with an entry of `intent` (a follow-up that asks something new must not get the old entry again). */
  intentOnly?: boolean;
  /**
   * The follow-up names its subject without pointing back ("and where is the shop exactly?" after the phone hours):
   * when the context search gives the last entry again but the message on its own clearly prefers another entry of
   * the intent, that one answers.
   */
  standsAlone?: boolean;
}

/** How much better the message alone must match another entry of the intent than the last one, and at least how well. */
const ALONE_MARGIN = 0.1;
const ALONE_FLOOR = 0.3;

const STOP = new Set(['the', 'a', 'an', 'and', 'or', 'is', 'it', 'to', 'of', 'for', 'in', 'on', 'do', 'i', 'you', 'we', 'what', 'how', 'then', 'that', 'this', 'there', 'can', 'my', 'your', 'be', 'are', 'if', 'ok', 'so', 'will', 'does', 'with', 'at', 'me', 'whats', 'where', 'when', 'which', 'who', 'why', 'about', 'exactly', 'also', 'just', 'please', 'thanks', 'cool', 'ago', 'yet', 'still', 'already', 'got', 'get', 'nothing', 'anything', 'something', 'now', 'today', 'really']);
const contentWords = (s: string) => new Set(s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2 && !STOP.has(w)).map((w) => w.replace(/s$/, '')));

const ASKS_PRICE = /\b(how much|cost|costs|price|fee|charge|pay)\b/i;
const PRICE = /\d(?:[.,]\d+)?\s*(?:EUR|€)|€\s*\d|\bfree\b/i;
const ASKS_DURATION = /\b(how long|how many (days|weeks|months|years)|until when|for how long)\b/i;
const DURATION = /\b\d+\s*(?:to \d+\s*)?(?:working )?(?:days?|weeks?|months?|years?|hours?)\b/i;

/** The sentences of an answer that share words with a follow-up ("and the phone number?"), else the whole answer. */
function sentencesAbout(answer: string, question: string): string {
  const asked = contentWords(question);
  const sentences = answer.split(/(?<=[.!?])\s+(?=[A-Z0-9"])/);
  // "how much?" is answered by the sentences with a price in them, "how long?" by those with a duration.
  const wants = ASKS_PRICE.test(question) ? PRICE : ASKS_DURATION.test(question) ? DURATION : undefined;
  const scored = sentences.map((s) => ({ s, n: [...contentWords(s)].filter((w) => asked.has(w)).length + (wants?.test(s) ? 1 : 0) }));
  const best = Math.max(0, ...scored.map((x) => x.n));
  return best === 0 ? answer : scored.filter((x) => x.n === best).map((x) => x.s).join(' ');
}

/** A policy section found by one sentence answers with that sentence (and the next when it is short). */
function answerText(hit: KnowledgeHitRef): string {
  if (hit.kind !== 'policy' || !hit.matched) return hit.text;
  const sentences = hit.text.split(/(?<=[.!?])\s+(?=[A-Z0-9"])/);
  const at = sentences.findIndex((s) => s.trim() === hit.matched!.trim());
  if (at < 0) return hit.text;
  return sentences.slice(at, sentences[at].length < 140 && at + 1 < sentences.length ? at + 2 : at + 1).join(' ');
}

/** An FAQ hit's questions (its entry), for telling what it covers. */
function faqQuestions(h: KnowledgeHitRef): string[] {
  const questions = (h.entry as { questions?: unknown } | undefined)?.questions;
  return Array.isArray(questions) ? questions.filter((q): q is string => typeof q === 'string') : [];
}

/** Hits for every phrasing, each entry at its best score. */
async function searchAll(deps: DialogueInput['deps'], queries: string[]): Promise<KnowledgeHitRef[]> {
  const best = new Map<string, KnowledgeHitRef>();
  for (const q of queries) {
    for (const h of await deps.knowledge.search(q, { kinds: ['faq', 'policy'], k: CANDIDATES })) {
      if ((best.get(h.id)?.score ?? -Infinity) < h.score) best.set(h.id, h);
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
}

/** Another entry of the intent that the message alone matches clearly better than the last answer, if any. */
async function betterAlone(deps: DialogueInput['deps'], message: string, last: KnowledgeHitRef, intent: string): Promise<KnowledgeHitRef | undefined> {
  const alone = await searchAll(deps, [message]);
  const lastScore = alone.find((h) => h.id === last.id)?.score ?? 0;
  for (const h of alone) {
    if (h.score < Math.max(ALONE_FLOOR, lastScore + ALONE_MARGIN)) return undefined;
    if (h.id !== last.id && (await deps.topicOf(h)) === intent) return h;
  }
  return undefined;
}

/**
 * Answers from the knowledge base (FAQ entries and policy sections). The intent the customer asked about chooses the
 * entry ("can I shut down my profile" is delete_account, even when the guest-checkout FAQ shares more words); the
 * search ranks within it. Without an intent, or when no entry of it is close enough, the best hit answers.
 * Remembers which entry answered, for follow-up questions.
 */
export async function answerFromKnowledge(input: DialogueInput, options: KnowledgeOptions = {}): Promise<Reply[] | undefined> {
  const { nlu, deps, state } = input;
  const hits = (await searchAll(deps, [options.query ?? nlu.text].flat())).filter((h) => !options.exclude?.includes(h.id));
  const best = hits[0];
  if (!best) return undefined;
  // "can I return a broken lamp?": the rules for damaged items, not the general return window.
  const damaged = /\b(broken|damaged|cracked|chipped|smashed|faulty|defective|dented|scratched|torn)\b/i.test(nlu.text);
  const asked = options.intent ?? input.intent;
  const intent = damaged && (asked === 'return_policy' || asked === 'get_refund') ? 'report_problem' : asked;
  let chosen: KnowledgeHitRef = best;
  if (intent && (await deps.topicOf(best)) !== intent) {
    const floor = best.score < CONFIDENT_HIT ? best.score * TOPIC_SHARE : best.score - TOPIC_MARGIN;
    for (const h of hits.slice(1)) {
      if (h.score < floor) break;
      if ((await deps.topicOf(h)) === intent) {
        chosen = h;
        break;
      }
    }
  }
  if (options.intentOnly && intent && (await deps.topicOf(chosen)) !== intent) return undefined;
  if (chosen.kind === 'policy') {
    // A curated FAQ answer close behind a policy sentence is the better answer: written for customers, and whole.
    // Unless the sentence answers something the FAQ never mentions ("holiday rental": the commercial-use rule).
    const topic = await deps.topicOf(chosen);
    // Only a rare word counts (in at most RARE entries): "bank" or "app" are everywhere, "rental" is not.
    // (The entries' words are only gathered when the question shares a word with the sentence at all.)
    const sentence = contentWords(answerText(chosen));
    const shared = [...contentWords([options.query ?? nlu.text].flat().join(' '))].filter((w) => sentence.has(w));
    const entryWords = shared.length > 0 ? new Map(hits.map((h) => [h.id, contentWords(`${h.text} ${faqQuestions(h).join(' ')}`)])) : new Map<string, Set<string>>();
    const distinctive = shared.filter((w) => [...entryWords.values()].filter((ws) => ws.has(w)).length <= RARE);
    const onlyThere = (h: KnowledgeHitRef) => distinctive.some((w) => !entryWords.get(h.id)!.has(w));
    for (const h of hits) {
      if (h.score < chosen.score - FAQ_PREFERENCE) break;
      // (Never one too weak to be given at all: the sentence then answers.)
      if (h.kind === 'faq' && h.score >= (options.minScore ?? deps.settings.minAnswerScore) && !onlyThere(h) && (!intent || (await deps.topicOf(h)) === intent || (await deps.topicOf(h)) === topic)) {
        chosen = h;
        break;
      }
    }
  }
  const leads = options.clearLead !== undefined && chosen === best && best.score >= options.clearLead.score && best.score - (hits[1]?.score ?? 0) >= options.clearLead.margin;
  if (chosen.score < (options.minScore ?? deps.settings.minAnswerScore) && !leads) return undefined;
  if (options.focusOn !== undefined && options.standsAlone && intent && state.focus.lastAnswer?.id === chosen.id) {
    chosen = (await betterAlone(deps, nlu.text, chosen, intent)) ?? chosen;
  }
  const again = options.focusOn !== undefined && state.focus.lastAnswer?.id === chosen.id;
  const body = again ? sentencesAbout(answerText(chosen), options.focusOn!) : answerText(chosen);
  state.focus.lastAnswer = { id: chosen.id, title: chosen.title, asked: again ? state.focus.lastAnswer?.asked : nlu.text };
  const source = chosen.kind === 'faq' ? 'FAQ' : `${chosen.title} policy`;
  return [text(`${body}\n(Source: ${source})`)];
}
