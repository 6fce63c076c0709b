import { describe, expect, it } from 'vitest';
import { clusterMessages } from '../../src/feedback/cluster-messages.ts';
import { messageKey } from '../../src/feedback/message-key.ts';

const items = (...texts: string[]) => texts.map((text, i) => ({ id: `i${i}`, text }));

describe('clusterMessages', () => {
  it('without an encoder groups messages with the same content words; messages without any stay alone', async () => {
    expect(messageKey('Where is my parcel??')).toBe(messageKey('my parcel - where is it')); // same content words
    const clusters = await clusterMessages(items('where is my parcel', 'Where is my parcel??', 'do you sell gift cards', 'yes', 'ok'));
    expect(clusters.map((c) => c.ids)).toEqual([['i0', 'i1'], ['i2'], ['i3'], ['i4']]);
  });

  it('with an encoder merges paraphrases by cosine, with complete link: no chaining through a middle message', async () => {
    // a ~ b (cos 0.9), b ~ c (cos 0.9), a vs c 0.62: c must not join a's cluster through b.
    const vectors: Record<string, number[]> = {
      'parcel missing': [1, 0, 0],
      'package has not arrived': [0.9, 0.436, 0],
      'where is the delivery van': [0.62, 0.785, 0],
      'gift cards?': [0, 0, 1],
    };
    const embed = async (texts: string[]) => texts.map((t) => Float32Array.from(vectors[t]!));
    const clusters = await clusterMessages(items(...Object.keys(vectors)), { embed, threshold: 0.85 });
    expect(clusters.map((c) => c.texts)).toEqual([['parcel missing', 'package has not arrived'], ['where is the delivery van'], ['gift cards?']]);
  });
});
