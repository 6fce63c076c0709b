import { createRequire } from 'node:module';

// natural's top-level entry loads database drivers; single files are required by deep path. They ship without
// typings, so the few members used here are typed locally.
const require = createRequire(import.meta.url);
type Analyzer = { getSentiment(words: string[]): number };
const SentimentAnalyzer = require('natural/lib/natural/sentiment/SentimentAnalyzer.js') as new (
  language: string,
  stemmer: unknown,
  vocabulary: string,
) => Analyzer;
const PorterStemmer = require('natural/lib/natural/stemmers/porter_stemmer.js') as { stem(w: string): string };
const AggressiveTokenizer = require('natural/lib/natural/tokenizers/aggressive_tokenizer.js') as new () => {
  tokenize(text: string): string[];
};

let afinn: Analyzer | undefined;
let tokenizer: { tokenize(text: string): string[] } | undefined;

/** natural's AFINN-165 analyzer with the Porter stemmer: mean word valence in roughly [-5, 5], negation-aware. */
export function afinnScore(text: string): number {
  afinn ??= new SentimentAnalyzer('English', PorterStemmer, 'afinn');
  tokenizer ??= new AggressiveTokenizer();
  const words = tokenizer.tokenize(text);
  if (words.length === 0) return 0;
  const score = afinn.getSentiment(words);
  return Number.isFinite(score) ? score : 0;
}

const NEGATION = /\b(?:not|no|never|nothing|nobody|none|neither|nor|cannot|without|\w+n't|dont|didnt|doesnt|isnt|wasnt|wont|cant)\b/gi;

/**
 * Cheap surface cues the sentence embedding blurs: lexicon valence, negations, shouting (exclamation marks,
 * capitals). Every value is squashed into about [-1, 1] so none dominates the 512 embedding dimensions.
 * The names are stored in the artifact manifest; changing the list or order needs a new format version.
 */
export const LEXICAL_FEATURE_NAMES = ['afinn', 'negations', 'exclamations', 'capsRatio', 'question', 'angerWords', 'threats', 'shouting', 'insistence'] as const;

/** Words of anger and contempt (not mere disappointment): "unacceptable", "pathetic", "fuming", "liars". */
const ANGER_WORDS =
  /\b(unacceptable|ridiculous|disgrace(ful)?|pathetic|incompetent|useless|outrageous|appalling|shocking|disgusting|furious|fuming|livid|seething|pissed|infuriat\w*|scam(mers)?|fraud(sters)?|liars?|lied|lying|rip[- ]?off|thieves|shambles|shit\w*|crap(py)?|f\*+\w*|bloody|damn(ed)?|worst|hate (you|this|your|it)|sick of|fed up|done with|enough is enough|had enough|(is|what) a joke|beyond a joke|joke of a|how (dare|hard|difficult) (you|is it)|are you (kidding|serious|joking)|wtf|what the (hell|f\w*))\b/gi;
/** Threats to escalate: chargebacks, lawyers, authorities, public reviews, leaving for good. */
const THREATS =
  /\b(chargeback|charge ?back|dispute|lawyer|solicitor|legal action|court|sue|police|authorit(y|ies)|consumer (authority|protection|association|bond)|consumentenbond|acm|ombudsman|trading standards|geschillencommissie|reviews? (site|everywhere)|1[- ]star|one[- ]star|trustpilot|tell everyone|warn (everyone|people|others)|social media|post (this|it|the photos)|never (again|order|buy|shop)|last time i|final (message|warning|chance)|taking this further|manager (now|immediately)|immediately|or else|or i('?ll| will))\b/gi;

/** Words written in capitals because that is how they are written ("a VAT number"), not shouted. */
const ACRONYMS = /^(EUR|USD|GBP|CHF|CET|FAQ|USB|LED|DHL|GLS|DPD|UPS|TNT|XL|XXL|ACM|SM|VAT|BTW|EU|UK|USA|PDF|RMA|IBAN|BIC|SWIFT|PIN|CVC|CVV|SMS|GDPR|AVG|KVK|FSC|EAN|SKU|DIY|IKEA|HDMI|WIFI|LCD|OLED|ETA|TBC|ASAP|PS)$/;

function count(re: RegExp, text: string): number {
  return (text.match(re) ?? []).length;
}

export function lexicalFeatures(text: string): number[] {
  const letters = text.match(/\p{L}/gu) ?? [];
  const upper = text.match(/\p{Lu}/gu) ?? [];
  // A capital at the start of a sentence or "I" is not shouting; only a high share of capitals is.
  const capsRatio = letters.length >= 4 ? upper.length / letters.length : 0;
  // Shouting a few words ("THREE WEEKS", "the WRONG COLOUR") is anger even when most of the message is not capitals.
  const shouted = (text.match(/\b\p{Lu}{3,}\b/gu) ?? []).filter((w) => !ACRONYMS.test(w)).length;
  return [
    Math.tanh(afinnScore(text) / 2),
    Math.min((text.match(NEGATION) ?? []).length, 3) / 3,
    Math.min((text.match(/!/g) ?? []).length, 3) / 3,
    capsRatio > 0.5 ? capsRatio : 0,
    text.includes('?') ? 1 : 0,
    Math.min(count(ANGER_WORDS, text), 3) / 3,
    Math.min(count(THREATS, text), 2) / 2,
    Math.min(shouted, 3) / 3,
    /[!?]{2,}|\?!|!\?/.test(text) ? 1 : 0,
  ];
}

/**
 * Whether a message shows anger on its surface: words of anger or contempt, a threat to escalate, or shouted words
 * ("sorry, typo!!" is not anger, so exclamation marks alone are not a cue). The dialogue hands over for anger only with such a cue or a clearly negative message,
 * so an anger score alone ("refund", "lol ok bye", gibberish) never sends a calm customer to the queue.
 */
export function hasAngerCue(text: string): boolean {
  const [, , , capsRatio, , angerWords, threats, shouting] = lexicalFeatures(text);
  return angerWords > 0 || threats > 0 || shouting > 0 || capsRatio > 0;
}
