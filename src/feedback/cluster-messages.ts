import { dot } from '../core/dot-product.ts';
import { messageKey } from './message-key.ts';

export interface ClusterInput {
  id: string;
  text: string;
}

export interface MessageCluster {
  /** Ids of the member items, in input order (the first is the cluster's leader). */
  ids: string[];
  /** Member texts, in input order. */
  texts: string[];
}

export type Embed = (texts: string[]) => Promise<Float32Array[]>;

/**
 * Cosine at which two groups of messages join: every pair of group leaders must reach it (complete link), so a
 * cluster never drifts through a chain of near neighbours. Chosen with bench/review-clusters (README "Review queue"):
 * pairwise precision is what matters, because relabelling a cluster relabels every member.
 */
export const CLUSTER_COSINE = 0.85;

/**
 * Groups review items by similar message, in input order (the queue's priority order; a cluster's first member is
 * its leader). First messages with the same lexical key (content words, see messageKey) are grouped; with an
 * encoder, groups are then merged greedily when the leader of the group is at least `threshold` cosine-similar to
 * the leader of every group already in the cluster. Messages without content words stay alone.
 */
export async function clusterMessages(items: readonly ClusterInput[], options: { embed?: Embed; threshold?: number } = {}): Promise<MessageCluster[]> {
  if (items.length === 0) return [];
  const groups = lexicalClusters(items);
  if (!options.embed) return groups;
  const vectors = (await options.embed(groups.map((g) => g.texts[0]!))).map(normalize);
  const threshold = options.threshold ?? CLUSTER_COSINE;
  const clusters: Array<MessageCluster & { leaders: Float32Array[] }> = [];
  groups.forEach((group, i) => {
    const v = vectors[i]!;
    let best: (typeof clusters)[number] | undefined;
    let bestCos = threshold;
    for (const c of clusters) {
      const cos = Math.min(...c.leaders.map((m) => dot(v, m)));
      if (cos >= bestCos) [best, bestCos] = [c, cos];
    }
    if (!best) return void clusters.push({ ids: [...group.ids], texts: [...group.texts], leaders: [v] });
    best.ids.push(...group.ids);
    best.texts.push(...group.texts);
    best.leaders.push(v);
  });
  return clusters.map(({ ids, texts }) => ({ ids, texts }));
}
function lexicalClusters(items: readonly ClusterInput[]): MessageCluster[] {
  const byKey = new Map<string, MessageCluster>();
  const out: MessageCluster[] = [];
  items.forEach((item, i) => {
    const key = messageKey(item.text) || `\u0000${i}`;
    let c = byKey.get(key);
    if (!c) {
      c = { ids: [], texts: [] };
      byKey.set(key, c);
      out.push(c);
    }
    c.ids.push(item.id);
    c.texts.push(item.text);
  });
  return out;
}

function normalize(v: Float32Array): Float32Array {
  const n = Math.sqrt(dot(v, v)) || 1;
  return v.map((x) => x / n);
}
