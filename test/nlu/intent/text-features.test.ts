import { describe, expect, it } from 'vitest';
import { TextFeaturizer, type FeatureSettings } from '../../../src/nlu/intent/text-features.ts';

const settings: FeatureSettings = { minDf: 1, charMin: 2, charMax: 3, wordWeight: 1, charWeight: 1, skipFunctionWords: false };
const texts = ['how do i bake bread', 'how do i return an item', 'are you there'];
const termsOf = (f: TextFeaturizer, text: string) => [...f.transform(text).idx].map((i) => f.terms[i]);

describe('TextFeaturizer', () => {
  it('gives unit-length word and character blocks', () => {
    const f = TextFeaturizer.fit(texts, settings);
    const row = f.transform('how do i bake bread');
    const norm = Math.hypot(...row.val);
    expect(norm).toBeCloseTo(Math.SQRT2, 5); // two blocks of length 1
    expect(termsOf(f, 'how do i bake bread')).toContain('b do i');
  });

  it('leaves function words out of unigrams, char n-grams and function-word-only bigrams when asked', () => {
    const f = TextFeaturizer.fit(texts, { ...settings, skipFunctionWords: true });
    const terms = termsOf(f, 'how do i bake bread');
    expect(terms).toEqual(expect.arrayContaining(['w how', 'w bake', 'b how do', 'b i bake']));
    expect(terms).not.toContain('w do');
    expect(terms).not.toContain('b do i');
    expect(terms).not.toContain('c  i ');
    // A message of function words only keeps them rather than becoming an empty row.
    expect(termsOf(f, 'are you there')).toContain('w you');
  });
});
