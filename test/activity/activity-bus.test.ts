import { describe, expect, it } from 'vitest';
import { InProcessActivityBus, type ActivityEvent } from '../../src/activity/activity-bus.ts';
import { memoryLogger } from '../../src/core/logger.ts';

const turn: ActivityEvent = { type: 'turn', conversationId: 'c-1', userId: 'u-1', at: '2026-03-10T12:00:00.000Z' };

describe('InProcessActivityBus', () => {
  it('delivers each event to every subscriber until it unsubscribes', () => {
    const bus = new InProcessActivityBus();
    const a: ActivityEvent[] = [];
    const b: ActivityEvent[] = [];
    const stopA = bus.subscribe((e) => a.push(e));
    bus.subscribe((e) => b.push(e));
    bus.publish(turn);
    stopA();
    bus.publish({ type: 'operator_reply', conversationId: 'c-1', operator: 'alice', at: turn.at });
    expect(a).toEqual([turn]);
    expect(b.map((e) => e.type)).toEqual(['turn', 'operator_reply']);
    expect(bus.size).toBe(1);
  });

  it('a failing subscriber neither throws into the publisher nor starves the others', () => {
    const logger = memoryLogger();
    const bus = new InProcessActivityBus(logger);
    const got: string[] = [];
    bus.subscribe(() => {
      throw new Error('stream gone');
    });
    bus.subscribe((e) => got.push(e.type));
    expect(() => bus.publish(turn)).not.toThrow();
    expect(got).toEqual(['turn']);
    expect(logger.lines).toContainEqual(expect.objectContaining({ msg: 'activity subscriber failed', error: 'stream gone' }));
  });
});
