import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * Language of one customer message. The bot treats a `reliable` non-English result as a non-English customer and
 * everything else (English, `und`, or an unreliable guess) as English, so `reliable` is strict for non-English codes:
 * 3+ words (2 with a wide margin) and 10+ letters once order ids, emails, URLs, numbers and product names are gone;
 * eld's own isReliable(); a clear margin over English; no English chat words next to a weak score; and some evidence
 * English never has: a function word of another language or a letter outside ASCII.
 *
 * Built on eld (Nito-ELD), the most accurate and fastest of eld, tinyld and franc-min on short shop messages; the
 * numbers behind every guard are in bench/language/run.ts on test/fixtures/language/short-messages.jsonl.
 */
export type DetectedLanguage = {
  /** ISO 639-1 code, or `und` when there is nothing to tell from (order ids, emails, emoji, "ok"). */
  code: string;
  /** eld's normalised score for `code` (0-1; good matches are about 0.7-0.85); 0 for und, 0.5 for a greeting word. */
  confidence: number;
  reliable: boolean;
};

/**
 * eld database size, 'small' by default: behind the guards 'large' names more 1-3 word messages right but makes the
 * same routing decisions on the fixture file, and takes about 4x as long to load with 3x the heap (~140 MB).
 */
export type EldDatabase = 'large' | 'medium' | 'small' | 'extrasmall';

/** The guards, all on by default; switching one off is only for measuring what it is worth (bench/language). */
export type LanguageGuards = {
  /** Remove URLs, emails, tokens with digits and product names before detection. */
  strip: boolean;
  /** Single greeting/thanks words ("merci", "danke", "thx") and chat noise ("ok", "hmm") by word list. */
  wordLists: boolean;
  /** An English chat word ("pls", "my", "thanks") next to a weak non-English score makes it English. */
  englishMarkers: boolean;
  /** Reliable non-English needs a function word of another language or a non-ASCII letter. */
  foreignEvidence: boolean;
  /** Reliable non-English needs enough words and letters, eld's isReliable() and a margin over English. */
  margins: boolean;
};

export type LanguageDetectorOptions = {
  /** Product (line) names to remove before detection; default: the demo shop's, DEFAULT_PRODUCT_NAMES. */
  productNames?: readonly string[];
  database?: EldDatabase;
  guards?: Partial<LanguageGuards>;
};

type EldResult = { language: string; getScores(): Record<string, number>; isReliable(): boolean };
type Eld = { detect(text: string): EldResult };

const loaded = new Map<EldDatabase, Eld>();

/**
 * Loads an eld database on first use, synchronously, once per process (the small one takes about half a second and
 * 47 MB of heap). eld is an ES module without a "require" export condition, so its entry is located with
 * import.meta.resolve and loaded with require(), which Node >= 20.19 supports for ES modules without top-level await.
 * That keeps detectLanguage synchronous without paying for the database at import time.
 */
function eldDatabase(database: EldDatabase): Eld {
  let eld = loaded.get(database);
  if (!eld) {
    const require = createRequire(import.meta.url);
    eld = (require(fileURLToPath(import.meta.resolve(`eld/${database}`))) as { eld: Eld }).eld;
    loaded.set(database, eld);
  }
  return eld;
}

/**
 * Product-line names of the demo shop. They are English or French-looking words ("lune armchair?" reads as French,
 * "alder oak" adds English to a Spanish question), so they are removed before detection. Names that are common words
 * of the languages we detect (Terra: earth in Italian and Portuguese) are left out on purpose.
 */
export const DEFAULT_PRODUCT_NAMES: readonly string[] = [
  'alder oak', 'lune', 'ironside', 'little harbour', 'harbour', 'linden', 'orbit', 'tide', 'morning', 'everyday steel',
  'cloud', 'arc', 'terrace', 'starry night', 'dino friends', 'bouclé', 'boucle',
];

// Words that are common in English chat and are not words of the other languages we care about ("is", "in", "to",
// "was", "will", "me", "for", "order", Dutch "u" and "help" are, so they are not here). One of them next to a weak
// non-English score keeps a message English.
const ENGLISH_MARKERS = new Set([
  'the', 'my', 'your', 'you', 'ur', 'it', 'its', "it's", 'and', 'with', 'what', 'whats', "what's", 'where', 'wheres',
  "where's", 'when', 'how', 'why', 'can', 'cant', "can't", 'does', 'did', 'dont', "don't", 'please', 'pls', 'plz', 'thanks',
  'thank', 'thx', 'not', 'yet', 'this', 'that', 'there', 'have', 'got', 'need', 'want', 'would', 'could', 'should', 'any',
  'which', 'from', 'about', 'been', 'yes', 'okay', 'hi', 'hey', 'hello', 'bye', 'sorry', 'refund', 'return',
  'delivery', 'shipping', 'parcel', 'package', 'cancel', 'forgot', 'wrong', 'still', 'anyone', 'someone',
]);

// Function words of the non-English languages customers write in, minus anything that is also an English word
// or chat ("in", "is", "die", "was", "will", "hat", "mine", "till", "comment", "come", "per", "non", "son", "for", "min",
// "me", "u", "w", "em", "ya", "eu", "sim").
// A message can only be reliably non-English if it has one of these or a letter English does not use (é, ß, ø, ł, ...):
// telegraphic English ("steamer spits water", "shears blade blunt") otherwise reads as Dutch or Danish to eld.
const FOREIGN_FUNCTION_WORDS = new Set([
  // de
  'ich', 'du', 'sie', 'wir', 'ihr', 'mein', 'meine', 'meinen', 'meinem', 'meiner', 'der', 'das', 'dem', 'des', 'und',
  'oder', 'nicht', 'nich', 'kein', 'keine', 'ist', 'sind', 'wird', 'wurde', 'werden', 'hab', 'habe', 'haben', 'wie',
  'wo', 'wann', 'warum', 'wieso', 'wer', 'noch', 'schon', 'mit', 'auf', 'für', 'fur', 'von', 'zu', 'zum', 'zur', 'ein',
  'eine', 'einen', 'einem', 'einer', 'eines', 'auch', 'aber', 'bitte', 'danke', 'hallo', 'kann', 'können', 'konnt',
  'geht', 'gibt', 'gibts', 'nach', 'bei', 'aus', 'über', 'ja', 'nein', 'doch', 'mal', 'es', 'sich', 'mir', 'mich',
  'euch', 'uns', 'euer', 'eure', 'unser', 'unsere', 'ihre', 'ihren', 'sein', 'seine', 'immer', 'sehr', 'jetzt',
  'heute', 'wieder', 'seit', 'dass', 'wenn', 'ob', 'welche', 'welcher', 'welches', 'hier', 'dort', 'nur', 'etwas',
  'nichts', 'gerne', 'gern', 'viel', 'viele', 'vielen', 'mehr', 'bis', 'weil', 'dann', 'denn', 'sonst', 'leider',
  'möchte', 'mochte', 'würde', 'hätte',
  // nl
  'ik', 'je', 'jij', 'wij', 'jullie', 'mijn', 'mn', 'het', 'een', 'en', 'niet', 'geen', 'nog', 'wel', 'wat', 'waar',
  'wanneer', 'hoe', 'waarom', 'kun', 'kunt', 'kunnen', 'wil', 'heb', 'hebt', 'heeft', 'hebben', 'zijn', 'dat', 'dit',
  'deze', 'voor', 'op', 'naar', 'bij', 'om', 'maar', 'ook', 'graag', 'nee', 'aub', 'mij', 'weer', 'nou', 'toch', 'ze',
  'hij', 'jou', 'jouw', 'uw', 'daar', 'hier', 'iemand', 'iets', 'niks', 'niets', 'welk', 'welke', 'vanaf', 'dank',
  'hallo', 'moet', 'moeten', 'zou', 'zal', 'wordt', 'werd', 'worden', 'erg', 'meer', 'veel', 'onze', 'ons',
  'haar', 'zich', 'alleen',
  // fr
  'je', 'j', 'tu', 'il', 'elle', 'nous', 'vous', 'ils', 'mes', 'votre', 'vos', 'notre', 'leur', 'le', 'la', 'les',
  'un', 'une', 'des', 'du', 'de', 'et', 'ou', 'où', 'est', 'sont', 'pas', 'ne', 'avez', 'que', 'qui', 'qu', 'quoi',
  'quand', 'pourquoi', 'avec', 'sur', 'dans', 'ce', 'ça', 'ca', 'cette', 'ces', 'svp', 'oui', 'au', 'aux', 'toujours',
  'rien', 'moi', 'toi', 'mais', 'combien', 'quel', 'quelle', 'quels', 'quelles', 'l', 'suis', 'fait', 'faire', 'peux',
  'peut', 'pouvez', 'veux', 'voudrais', 'avoir', 'été', 'très', 'merci', 'bonjour', 'sa', 'ses', 'lui', 'tout', 'tous',
  'toute', 'aussi', 'déjà', 'deja', 'jamais', 'quelqu', 'quelque',
  // es
  'él', 'ella', 'usted', 'ustedes', 'mi', 'mis', 'mí', 'su', 'sus', 'el', 'los', 'las', 'una', 'unos', 'del', 'con',
  'por', 'para', 'está', 'esta', 'están', 'estan', 'estoy', 'sí', 'si', 'pero', 'como', 'cómo', 'cuando', 'cuándo',
  'donde', 'dónde', 'cuanto', 'cuánto', 'lo', 'le', 'se', 'muy', 'todavía', 'todavia', 'también', 'tambien', 'te',
  'tú', 'nos', 'qué', 'hace', 'eso', 'esto', 'este', 'ese', 'esa', 'aquí', 'puede', 'pueden', 'tiene', 'tienes',
  'tengo', 'tienen', 'quiero', 'puedo', 'necesito', 'otra', 'otro', 'alguien', 'algo', 'porque', 'desde',
  'hasta', 'vez', 'veces', 'fue', 'cual', 'cuál', 'quien', 'quién', 'hola', 'gracias', 'buenas', 'buenos',
  // it
  'io', 'lui', 'lei', 'noi', 'voi', 'mio', 'mia', 'miei', 'tuo', 'suo', 'nostro', 'vostro', 'loro', 'gli', 'uno', 'e',
  'è', 'che', 'di', 'della', 'dello', 'dei', 'da', 'dal', 'dalla', 'dai', 'nel', 'nella', 'nei', 'sul', 'sulla',
  'alle', 'agli', 'sono', 'sei', 'siete', 'hai', 'ho', 'abbiamo', 'avete', 'quanto', 'quando', 'perché', 'perche',
  'ci', 'ti', 'ancora', 'già', 'anche', 'molto', 'questo', 'questa', 'quello', 'nell', 'alla', 'dell', 'qualcosa',
  'qualcuno', 'nessuno', 'niente', 'mai', 'sto', 'vorrei', 'posso', 'potete', 'può', 'puo', 'cosa', 'tutto', 'tutti',
  'sempre', 'più', 'piu', 'nn', 'grazie', 'ciao', 'favore',
  // pt
  'você', 'voce', 'vc', 'vcs', 'vocês', 'ele', 'meu', 'minha', 'meus', 'minhas', 'seu', 'sua', 'nosso', 'nossa', 'o',
  'os', 'uma', 'dos', 'das', 'nas', 'nos', 'pra', 'não', 'nao', 'mas', 'onde', 'tem', 'têm', 'estou', 'estão', 'está',
  'foi', 'fui', 'já', 'ainda', 'muito', 'isso', 'isto', 'aqui', 'aí', 'lhe', 'ao', 'pelo', 'pela', 'há', 'com',
  'quero', 'posso', 'pode', 'podem', 'vou', 'tenho', 'fazer', 'quando', 'quanto', 'porque', 'depois', 'agora',
  'também', 'tambem', 'obrigado', 'obrigada', 'olá', 'duas', 'dois', 'alguém', 'alguem', 'alguma', 'algum',
  'nenhum',
  // pl
  'nie', 'tak', 'jest', 'są', 'czy', 'jak', 'gdzie', 'kiedy', 'ile', 'co', 'się', 'mnie', 'za', 'od', 'już', 'jeszcze',
  'z', 'ja', 'moje', 'moja', 'mój', 'mojego', 'dla', 'przez', 'proszę', 'prosze', 'masz', 'może', 'moze',
  'można', 'mozna', 'chcę', 'chce', 'bardzo', 'który', 'która', 'które', 'tego', 'tylko', 'bo', 'dlaczego',
  'czemu', 'oraz', 'przy', 'nad',
  // sv da no
  'jag', 'vi', 'ni', 'mitt', 'mina', 'din', 'ditt', 'ett', 'och', 'eller', 'inte', 'är', 'har', 'hur', 'var',
  'när', 'vad', 'vilka', 'vilken', 'kan', 'vill', 'med', 'på', 'av', 'om', 'det', 'som', 'också', 'ingen', 'inget',
  'mig', 'ska', 'skulle', 'måste', 'kommer', 'blev', 'fått', 'varför', 'tack', 'hej', 'nej', 'jo', 'nu', 'ännu',
  'aldrig', 'alltid', 'mycket', 'många', 'någon', 'något', 'jeg', 'hun', 'mit', 'et', 'ikke', 'hvordan', 'hvor',
  'hvornår', 'hvad', 'vil', 'gerne', 'også', 'stadig', 'skal', 'være', 'blevet', 'bliver', 'fået', 'hvorfor', 'igen',
  'endnu', 'altid', 'meget', 'mange', 'nogen', 'noget', 'hva', 'gjerne', 'fortsatt', 'ikkje', 'takk', 'igjen',
  'noe',
]);
const NON_ENGLISH_LETTER = /(?!\p{ASCII})\p{L}/u;

// Whole messages made only of these greeting/thanks words get that language (not reliable: one word is too little to
// switch a conversation's language). Words shared by two of the languages (hallo, hej, tak, oi, ola, salve) are left out.
const GREETINGS: Record<string, string[]> = {
  en: ['hi', 'hello', 'hey', 'thx', 'thanks', 'ty', 'pls', 'plz', 'please', 'bye', 'yes', 'yep', 'nope', 'lol', 'ta', 'sorry', 'cheers'],
  de: ['danke', 'tschüss', 'tschuss', 'moin', 'servus', 'bitte'],
  fr: ['merci', 'bonjour', 'bonsoir', 'salut', 'oui'],
  es: ['gracias', 'hola', 'adiós', 'adios', 'vale'],
  it: ['ciao', 'grazie', 'buongiorno', 'buonasera', 'arrivederci'],
  nl: ['bedankt', 'hoi', 'doei', 'dankjewel', 'dankje'],
  pt: ['obrigado', 'obrigada', 'olá', 'tchau', 'valeu'],
  pl: ['dziękuję', 'dzięki', 'dzieki', 'cześć'],
  sv: ['tack'],
  da: ['hejsa'],
};
// Chat noise used in every language; a message of only these is und ("ok ok", "hmm", "haha").
const NEUTRAL = new Set(['ok', 'okay', 'okey', 'k', 'kk', 'oké', 'hm', 'hmm', 'hmmm', 'haha', 'hahaha', 'xd', 'x']);
const GREETING_LANGUAGE = new Map(Object.entries(GREETINGS).flatMap(([code, words]) => words.map((w) => [w, code] as const)));

const URL = /\b(?:https?:\/\/|www\.)\S+/gi;
const EMAIL = /\S+@\S+/g;
// Order ids (SM-100648), prices (49,90), sizes (200x200, 28cm), phone numbers: any token with a digit.
const WITH_DIGIT = /\S*\d\S*/g;
const LETTER = /\p{L}/gu;

const MIN_LETTERS = 3; // fewer letters than this: und
const RELIABLE_MIN_LETTERS = 10;
const RELIABLE_MARGIN_OVER_ENGLISH = 0.05; // eld score of the language minus its score for English, 3+ words
const TWO_WORD_MARGIN_OVER_ENGLISH = 0.25; // the same for a two-word message
const MARKER_MARGIN_OVER_ENGLISH = 0.15; // needed as well when the message has an English marker word

const ALL_GUARDS: LanguageGuards = { strip: true, wordLists: true, englishMarkers: true, foreignEvidence: true, margins: true };
const UNDETERMINED: DetectedLanguage = { code: 'und', confidence: 0, reliable: false };

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function productPattern(names: readonly string[]): RegExp | null {
  if (names.length === 0) return null;
  // Longest first, so "little harbour" goes before "harbour"; boundaries that also hold next to accented letters.
  const alternatives = [...names].sort((a, b) => b.length - a.length)
    .map((n) => escapeRegExp(n.toLowerCase().trim()).replace(/\s+/g, '\\s+'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

const DEFAULT_PRODUCTS = productPattern(DEFAULT_PRODUCT_NAMES);

/** The text the detector sees: lowercased, without URLs, emails, tokens with digits or product names. */
export function stripForDetection(text: string, products: RegExp | null = DEFAULT_PRODUCTS): string {
  let s = text.normalize('NFKC').toLowerCase().replace(/[\u2018\u2019]/g, "'");
  s = s.replace(URL, ' ').replace(EMAIL, ' ').replace(WITH_DIGIT, ' ');
  if (products) s = s.replace(products, ' ');
  return s.replace(/\s+/g, ' ').trim();
}

/** A detector with its own product names, database or guards; detectLanguage is the default one. */
export function createLanguageDetector(options: LanguageDetectorOptions = {}): (text: string) => DetectedLanguage {
  const products = options.productNames ? productPattern(options.productNames) : DEFAULT_PRODUCTS;
  const database = options.database ?? 'small';
  const guards = { ...ALL_GUARDS, ...options.guards };
  return (text) => {
    const prepared = guards.strip ? stripForDetection(text, products) : text.normalize('NFKC').toLowerCase().trim();
    return detectPrepared(prepared, () => eldDatabase(database), guards);
  };
}

function detectPrepared(text: string, eld: () => Eld, guards: LanguageGuards): DetectedLanguage {
  // Words with their edge punctuation removed: "armchair?" -> "armchair", "c'est" stays.
  const words = text.split(' ').map((w) => w.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '')).filter((w) => w !== '');
  if (guards.wordLists) {
    const meaningful = words.filter((w) => !NEUTRAL.has(w));
    if (meaningful.length === 0) return UNDETERMINED;
    const greeting = new Set(meaningful.map((w) => GREETING_LANGUAGE.get(w) ?? '?'));
    if (greeting.size === 1 && !greeting.has('?')) return { code: [...greeting][0], confidence: 0.5, reliable: false };
  }
  const letters = text.match(LETTER)?.length ?? 0;
  if (letters < MIN_LETTERS) return UNDETERMINED;

  const result = eld().detect(text);
  if (result.language === '') return UNDETERMINED;
  const scores = result.getScores();
  const code = result.language;
  const confidence = scores[code] ?? 0;
  if (code === 'en') return { code, confidence, reliable: letters >= RELIABLE_MIN_LETTERS && result.isReliable() };

  const overEnglish = confidence - (scores.en ?? 0);
  if (guards.englishMarkers) {
    // An English chat word next to a weak non-English score, or mostly such words: English chat, not another language.
    const markers = words.filter((w) => ENGLISH_MARKERS.has(w)).length;
    if (markers > 0 && (overEnglish < MARKER_MARGIN_OVER_ENGLISH || markers * 2 >= words.length)) {
      return { code: 'en', confidence: scores.en ?? 0, reliable: false };
    }
  }
  let reliable = true;
  if (guards.margins) {
    const margin = words.length >= 3 ? overEnglish >= RELIABLE_MARGIN_OVER_ENGLISH
      : words.length === 2 && overEnglish >= TWO_WORD_MARGIN_OVER_ENGLISH;
    reliable = margin && letters >= RELIABLE_MIN_LETTERS && result.isReliable();
  }
  if (reliable && guards.foreignEvidence) {
    reliable = NON_ENGLISH_LETTER.test(text)
      || words.some((w) => w.split("'").some((part) => FOREIGN_FUNCTION_WORDS.has(part)));
  }
  return { code, confidence, reliable };
}

const detectDefault = createLanguageDetector();

/**
 * The language of a customer message: ISO 639-1 code (`und` when unknown), eld's score, and whether a non-English
 * code is sure enough to answer the customer as non-English. The eld database loads on the first call, not at import.
 */
export function detectLanguage(text: string): DetectedLanguage {
  return detectDefault(text);
}
