import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { words as naturalStopwords } from 'natural/lib/natural/util/stopwords.js';

const WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu;

/**
 * Text -> lexical terms for BM25: NFKC, lower case, words (keeping "don't" whole), English stopwords removed (natural's
 * list), possessive 's dropped, Porter-stemmed so "refunds", "refunded" and "refunding" meet. Negations ("not", "no")
 * are not in the list, on purpose: "not delivered" and "delivered" are different questions.
 */
export class TextAnalyzer {
  private readonly stopwords: ReadonlySet<string>;
  private readonly stem: (token: string) => string;

  constructor(options: { stopwords?: Iterable<string>; stem?: (token: string) => string } = {}) {
    this.stopwords = new Set(options.stopwords ?? naturalStopwords);
    this.stem = options.stem ?? ((t) => PorterStemmer.stem(t));
  }

  analyze(text: string): string[] {
    const words = text.normalize('NFKC').toLowerCase().replace(/[\u2018\u2019]/g, "'").match(WORD) ?? [];
    const terms: string[] = [];
    for (const word of words) {
      const w = word.endsWith("'s") ? word.slice(0, -2) : word;
      if (w === '' || this.stopwords.has(w)) continue;
      terms.push(this.stem(w));
    }
    return terms;
  }
}
