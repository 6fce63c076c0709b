import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SentimentTestItem } from '../../src/nlu/sentiment/sentiment-types.ts';

/** ../shared/data seen from the project root (a user's clone does not have it); SHOPMATE_SHARED_DATA_DIR overrides. */
export const SHARED_DATA_DIR =
  process.env.SHOPMATE_SHARED_DATA_DIR ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'data');

export interface BenchDataset {
  name: string;
  /** Counts towards the review-sentence mean (Amazon, Yelp, IMDb). */
  review: boolean;
  path: string;
}

/** The official test splits only; sst2/val.jsonl is the dev set of tune.ts and never appears here. */
export const BENCH_DATASETS: BenchDataset[] = [
  { name: 'sst2-test', review: false, path: join(SHARED_DATA_DIR, 'sst2', 'test.jsonl') },
  { name: 'amazon', review: true, path: join(SHARED_DATA_DIR, 'uci_sentiment_sentences', 'amazon.jsonl') },
  { name: 'yelp', review: true, path: join(SHARED_DATA_DIR, 'uci_sentiment_sentences', 'yelp.jsonl') },
  { name: 'imdb', review: true, path: join(SHARED_DATA_DIR, 'uci_sentiment_sentences', 'imdb.jsonl') },
];

export const SST2_DEV_PATH = join(SHARED_DATA_DIR, 'sst2', 'val.jsonl');

export function missingFiles(paths: string[]): string[] {
  return paths.filter((p) => !existsSync(p));
}

export function readJsonl(path: string): SentimentTestItem[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const row = JSON.parse(line) as { text: string; label: string };
      return { text: row.text, label: row.label };
    });
}
