import type { Encoder } from '../nlu/encoder.ts';
import { policySentences } from './kb-document.ts';
import type { IntentModelSlot } from '../nlu/nlu-service.ts';

export interface TopicHit {
  kind: string;
  id: string;
  title: string;
  entry?: unknown;
}

/**
 * Which intent a knowledge entry answers: its questions (a policy section: its heading) classified by the serving
 * intent model, majority vote. Cached per model version and entry text, so a promoted model or an edited FAQ entry
 * is classified again, and a new entry is classified the first time it is found.
 */
export class EntryTopics {
  private readonly cache = new Map<string, string | undefined>();

  constructor(private readonly deps: { encoder: Encoder; intents: IntentModelSlot }) {}

  async topicOf(hit: TopicHit): Promise<string | undefined> {
    const model = this.deps.intents.current();
    const entry = hit.entry as { questions?: unknown; text?: unknown } | undefined;
    const questions = entry?.questions;
    // An FAQ entry is its questions; a policy section its sentences (a heading alone says too little).
    const texts = Array.isArray(questions) && questions.every((q) => typeof q === 'string')
      ? (questions as string[])
      : typeof entry?.text === 'string'
        ? [hit.title, ...policySentences(entry.text)]
        : [hit.title];
    const key = `${model.version}\u0000${hit.kind}:${hit.id}\u0000${texts.join('\u0000')}`;
    if (this.cache.has(key)) return this.cache.get(key);
    const vectors = await this.deps.encoder.embed(texts);
    const votes = new Map<string, number>();
    texts.forEach((t, i) => {
      const result = model.classify(vectors[i], t);
      const top = result.ranking[0]?.intent;
      if (top && !result.outOfScope) votes.set(top, (votes.get(top) ?? 0) + 1);
    });
    const topic = [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    this.cache.set(key, topic);
    return topic;
  }

  /** Classifies every entry once (at start-up), so the first customer question does not wait for it. */
  async warm(entries: TopicHit[]): Promise<void> {
    for (const e of entries) await this.topicOf(e);
  }
}
