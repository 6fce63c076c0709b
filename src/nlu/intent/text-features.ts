/**
 * Lexical features beside the sentence embedding: word 1-2-grams and within-word character 2-5-grams, TF-IDF with
 * sublinear tf, each block L2-normalised. USE lite blurs rare product words, order numbers and typos; these
 * features keep them, which is worth several points of accuracy on intent benchmarks.
 */

export interface FeatureSettings {
  /** Terms seen in fewer training texts are dropped (noise, and they would only memorise single examples). */
  minDf: number;
  charMin: number;
  charMax: number;
  /** Relative weight of the word block against the character block (each block is unit length first). */
  wordWeight: number;
  charWeight: number;
  /** Leave function words out of unigrams, character n-grams and function-word-only bigrams (see FUNCTION_WORDS). */
  skipFunctionWords: boolean;
}

/** One text as a sparse row: parallel arrays of feature index and value. */
export interface SparseRow {
  idx: Int32Array;
  val: Float32Array;
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Words that say little about what a message is about, for `skipFunctionWords`: with them, "how do i bake bread"
 * shares most of its features with "how do i send back an item". Question words (how, what, where, why...) are not
 * in the list: they tell intents like "where is my card" and "how do I get a card" apart. The default keeps
 * function words (see defaultTrainSettings); the option is there for shops whose intents are mostly topic words.
 */
const FUNCTION_WORDS = new Set(
  'a an the i me my mine we us our you your it its this that these those is are am was were be been being do does did to of in on at for from with by about and or but so if then there here have has had can could would should will shall may might must please just'.split(' '),
);

export function tokenize(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** Raw term counts of one text; word and char terms get distinct prefixes so they never collide. */
function termCounts(text: string, s: FeatureSettings): { words: Map<string, number>; chars: Map<string, number> } {
  const tokens = tokenize(text);
  const words = new Map<string, number>();
  const chars = new Map<string, number>();
  const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const content = tokens.map((t) => !(s.skipFunctionWords && FUNCTION_WORDS.has(t)));
  // A message of function words only ("how are you") keeps them all rather than becoming an empty row.
  if (!content.includes(true)) content.fill(true);
  tokens.forEach((t, i) => {
    if (i > 0 && (content[i - 1] || content[i])) add(words, 'b ' + tokens[i - 1] + ' ' + t);
    if (!content[i]) return;
    add(words, 'w ' + t);
    const padded = ` ${t} `;
    for (let n = s.charMin; n <= s.charMax; n++) {
      for (let k = 0; k + n <= padded.length; k++) add(chars, 'c ' + padded.slice(k, k + n));
    }
  });
  return { words, chars };
}

export class TextFeaturizer {
  private readonly index: Map<string, number>;

  constructor(
    readonly settings: FeatureSettings,
    /** Vocabulary in feature-index order. */
    readonly terms: readonly string[],
    readonly idf: Float32Array,
  ) {
    this.index = new Map(terms.map((t, i) => [t, i]));
  }

  get size(): number {
    return this.terms.length;
  }

  /** Builds the vocabulary and IDF from training texts (the only place data shapes the features). */
  static fit(texts: readonly string[], settings: FeatureSettings): TextFeaturizer {
    const df = new Map<string, number>();
    for (const text of texts) {
      const { words, chars } = termCounts(text, settings);
      for (const k of words.keys()) df.set(k, (df.get(k) ?? 0) + 1);
      for (const k of chars.keys()) df.set(k, (df.get(k) ?? 0) + 1);
    }
    const terms = [...df.entries()].filter(([, d]) => d >= settings.minDf).map(([t]) => t).sort();
    const n = texts.length;
    // Smoothed IDF (as scikit-learn): never zero, so a term present everywhere still counts a little.
    const idf = Float32Array.from(terms, (t) => Math.log((1 + n) / (1 + df.get(t)!)) + 1);
    return new TextFeaturizer(settings, terms, idf);
  }

  transform(text: string): SparseRow {
    const { words, chars } = termCounts(text, this.settings);
    const wordPart = this.block(words, this.settings.wordWeight);
    const charPart = this.block(chars, this.settings.charWeight);
    const idx = new Int32Array(wordPart.idx.length + charPart.idx.length);
    const val = new Float32Array(idx.length);
    idx.set(wordPart.idx);
    idx.set(charPart.idx, wordPart.idx.length);
    val.set(wordPart.val);
    val.set(charPart.val, wordPart.idx.length);
    return { idx, val };
  }

  private block(counts: Map<string, number>, weight: number): { idx: number[]; val: number[] } {
    const idx: number[] = [];
    const val: number[] = [];
    let norm = 0;
    for (const [term, tf] of counts) {
      const i = this.index.get(term);
      if (i === undefined) continue;
      const v = (1 + Math.log(tf)) * this.idf[i];
      idx.push(i);
      val.push(v);
      norm += v * v;
    }
    const scale = norm > 0 ? weight / Math.sqrt(norm) : 0;
    for (let k = 0; k < val.length; k++) val[k] *= scale;
    return { idx, val };
  }
}
