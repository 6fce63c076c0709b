import { describe, expect, it } from 'vitest';
import { followUpReasons, isCorrection, reviewReasons } from '../../src/feedback/review-rules.ts';
import type { TurnRecord } from '../../src/feedback/turn-log.ts';

const answered = { text: 'how long does delivery to austria take', outcome: 'answered' as const, slotAnswer: false, replies: [{}] };
const next = (text: string, outcome: 'answered' | 'handoff' = 'answered', slotAnswer = false) => ({ text, outcome, slotAnswer });

describe('review rules', () => {
  it('recognises customer corrections, not ordinary negatives', () => {
    for (const t of ["no, that's not what I asked", 'that is not what i meant', 'you misunderstood me', "that doesn't answer my question", 'wrong size, I asked about the large one']) {
      expect(isCorrection(t), t).toBe(true);
    }
    for (const t of ['no thanks', 'is this not in stock?', 'what is not included in the price', 'yes that is right']) expect(isCorrection(t), t).toBe(false);
  });

  it('flags the previous answer for a correction, a repeat and a handoff right after it', () => {
    expect(followUpReasons(answered, next("that's not what I asked"))).toEqual(['correction']);
    expect(followUpReasons(answered, next('how long does the delivery to Austria take??'))).toEqual(['repeated']);
    expect(followUpReasons(answered, next('ok thanks'))).toEqual([]);
    expect(followUpReasons(answered, next('let me talk to someone', 'handoff'))).toEqual(['handoff_after_answer']);
  });

  it('ignores follow-ups of clarifications, of slot answers, and slot answers themselves', () => {
    expect(followUpReasons({ ...answered, outcome: 'clarification' }, next("that's not what I asked"))).toEqual([]);
    expect(followUpReasons({ ...answered, slotAnswer: true }, next('how long does delivery to austria take'))).toEqual([]);
    expect(followUpReasons(answered, next('how long does delivery to austria take', 'answered', true))).toEqual([]);
  });

  it('never queues a slot answer for its own reasons', () => {
    const record = { intent: [{ intent: 'track_order', score: 0.1 }], outOfScope: true, outcome: 'out_of_scope', slotAnswer: true } as unknown as TurnRecord;
    expect(reviewReasons(record, { lowConfidenceBelow: 0.45 })).toEqual([]);
    expect(reviewReasons({ ...record, slotAnswer: false }, { lowConfidenceBelow: 0.45 })).toEqual(['out_of_scope']);
  });
});
