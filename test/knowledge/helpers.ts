import type { Encoder } from '../../src/nlu/encoder.ts';
import { HashingEncoder } from '../../src/nlu/hashing-encoder.ts';
import type { KbEntry } from '../../src/knowledge/knowledge-base.ts';
import type { FaqEntry, PolicyPassage, Product } from '../../src/knowledge/types.ts';
import { product as catalogProduct } from '../recommend/fixtures.ts';

/** HashingEncoder that records every text it embeds, to prove edits embed only what changed. */
export class CountingEncoder implements Encoder {
  readonly modelId: string;
  readonly dim: number;
  readonly embedded: string[] = [];
  private readonly inner = new HashingEncoder(256);

  constructor() {
    this.modelId = this.inner.modelId;
    this.dim = this.inner.dim;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    this.embedded.push(...texts);
    return this.inner.embed(texts);
  }
}

export const faq = (id: string, questions: string[], answer: string): KbEntry => ({
  kind: 'faq',
  entry: { id, questions, answer, tags: [] } satisfies FaqEntry,
});

export const policy = (id: string, title: string, text: string): KbEntry => ({
  kind: 'policy',
  entry: { id, policy: id.split('#')[0] as PolicyPassage['policy'], title, text },
});

export const product = (id: string, title: string, description: string, extra: Partial<Product> = {}): KbEntry => ({
  kind: 'product',
  entry: catalogProduct(id, title, { description, ...extra }),
});

/** A small shop written for these tests. */
export const SAMPLE_ENTRIES: KbEntry[] = [
  faq('faq-shipping-cost', ['How much does shipping cost?', 'What are the delivery charges?', 'Is shipping free?'], 'Standard delivery costs 4.95 EUR, free above 50 EUR.'),
  faq('faq-gift-wrap', ['Can you gift wrap my order?', 'Do you offer gift wrapping?', 'Can I send it as a present?'], 'Tick gift wrap at checkout; it costs 2 EUR per item.'),
  faq('faq-opening-hours', ['When is customer service open?', 'What are your opening hours?', 'Can I call you on Sunday?'], 'Our team answers Monday to Friday, 9:00 to 17:00.'),
  policy('returns#return-window', 'Return window', 'Items can be returned within 30 days of delivery if unused.'),
  policy('warranty#coverage', 'Coverage', 'Electrical appliances carry a two year warranty against manufacturing defects.'),
  product('P-1', 'Stoneware coffee mug', 'Glazed mug for coffee and tea, dishwasher safe.'),
  product('P-2', 'Cast iron skillet', 'Pre-seasoned pan for stove and oven.'),
];
