import { describe, expect, it } from 'vitest';
import { returnInsteadOfRefund } from '../../src/dialogue/return-reading.ts';

const ranking = (...pairs: Array<[string, number]>) => pairs.map(([intent, score]) => ({ intent, score }));
const readAsRefund = ranking(['refund_status', 0.45], ['start_return', 0.34], ['return_policy', 0.13]);

describe('a return still to make, read as a refund-status question', () => {
  it('is a return question when it names no money and nothing sent', () => {
    const reread = returnInsteadOfRefund('hi can i still send stuff back? got it last week', readAsRefund);
    expect(reread).toMatchObject({ from: 'refund_status', intent: 'return_policy' });
    expect(reread?.score).toBeCloseTo(0.92);
    expect(returnInsteadOfRefund('is it too late to return the lamp', readAsRefund)?.intent).toBe('return_policy');
    // A wish rather than a question starts the return.
    expect(returnInsteadOfRefund('i want to send the rug back', readAsRefund)).toMatchObject({ intent: 'start_return' });
  });

  it('leaves refund questions alone: money named, something already sent, or another reading', () => {
    expect(returnInsteadOfRefund('can i still get my money back if i send it back', readAsRefund)).toBeUndefined();
    expect(returnInsteadOfRefund('i sent the bathrobe back, can you check it arrived', readAsRefund)).toBeUndefined();
    expect(returnInsteadOfRefund('where is my refund', readAsRefund)).toBeUndefined();
    expect(returnInsteadOfRefund('can i still send stuff back', ranking(['track_order', 0.5], ['refund_status', 0.4]))).toBeUndefined();
  });

  it('keeps an unsure return reading, with the return intents\' mass together', () => {
    const unsure = returnInsteadOfRefund('hi can i still send stuff back? got it last week', ranking(['return_policy', 0.42], ['refund_status', 0.33], ['start_return', 0.18], ['track_order', 0.02]));
    expect(unsure).toMatchObject({ from: 'return_policy', intent: 'return_policy' });
    expect(unsure?.score).toBeCloseTo(0.93);
  });
});
