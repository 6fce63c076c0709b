import type { Revision } from './revision-log.ts';
import type { FaqEntry, PolicyPassage, Product } from './types.ts';

export type KbKind = 'faq' | 'policy' | 'product';

/** Anything the knowledge base can hold, tagged by kind (ids are unique per kind, not across kinds). */
export type KbEntry =
  | { kind: 'faq'; entry: FaqEntry }
  | { kind: 'policy'; entry: PolicyPassage }
  | { kind: 'product'; entry: Product };

export type KbContent = KbEntry['entry'];

export interface KbHit {
  id: string;
  kind: KbKind;
  /** FAQ: its first phrasing; policy: section heading; product: product title. */
  title: string;
  /** FAQ: the answer; policy: the passage; product: the description. */
  text: string;
  /** FAQ only: the answer to give (same as text), so handlers need not switch on kind. */
  answer?: string;
  /** FAQ: the phrasing closest to the query; policy: the sentence closest to it (absent when the heading matched). */
  matched?: string;
  /** Fused score, higher is better; hits are sorted by it. With weighted fusion it lies in [0, 1]. */
  score: number;
  scores: { semantic: number; lexical: number };
  /** Where an operator edits this content. */
  source: { file: string; id: string };
  /** The entry itself (a copy), e.g. for a product's price and stock. */
  entry: KbContent;
}

export interface SearchOptions {
  /** Only these kinds (default: all). */
  kinds?: KbKind[];
  /** At most this many hits (default 5). */
  k?: number;
  /** Drop hits whose fused score is below this (default: keep all). */
  minScore?: number;
}

export interface EditOptions {
  /** Who made the change (operator name, "admin-api", ...), recorded in the revision. */
  author?: string;
}

/**
 * The contract the dialogue and the admin API use (test/knowledge/knowledge-base-contract.ts checks it for every
 * implementation). Edits are searchable as soon as their promise resolves; every edit is a revision.
 */
export interface KnowledgeBase {
  search(query: string, options?: SearchOptions): Promise<KbHit[]>;
  /** Adds or replaces an entry (by kind and id). Invalid content is a KNOWLEDGE_INVALID error. */
  upsert(entry: KbEntry, options?: EditOptions): Promise<Revision>;
  /** Removes an entry; an unknown one is a NOT_FOUND error. */
  remove(kind: KbKind, id: string, options?: EditOptions): Promise<Revision>;
  /** Restores the entry to its state before that revision, recorded as a new revision (returned). */
  revert(revisionId: number, options?: EditOptions): Promise<Revision>;
  listRevisions(): Promise<Revision[]>;
  getProduct(id: string): Promise<Product | undefined>;
  listProducts(): Promise<Product[]>;
}
