import { describe, expect, it } from 'vitest';
import type { ActivityEvent } from '../../src/activity/activity-bus.ts';
import { SignalActivityBus } from '../../src/activity/signal-activity-bus.ts';
import { memoryLogger } from '../../src/core/logger.ts';
import { createMemoryStore } from '../../src/store/index.ts';

const turn: ActivityEvent = { type: 'turn', conversationId: 'c-1', userId: 'u-1', at: '2026-03-10T12:00:00.000Z' };
const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('SignalActivityBus', () => {
  it('relays events between buses on one store, once each, and asks for a resync when listening (re)starts', async () => {
    // Two buses on one store's signals stand for two instances on one PostgreSQL.
    const store = createMemoryStore();
    const logger = memoryLogger();
    const clock = () => new Date('2026-03-10T12:00:05.000Z');
    const [a, b] = [new SignalActivityBus({ signals: store.signals, logger, clock }), new SignalActivityBus({ signals: store.signals, logger, clock })];
    const [onA, onB]: ActivityEvent[][] = [[], []];
    a.subscribe((e) => onA.push(e));
    b.subscribe((e) => onB.push(e));
    await tick();
    expect(onA).toEqual([{ type: 'resync', at: '2026-03-10T12:00:05.000Z' }]);
    onA.length = 0;
    onB.length = 0;
    a.publish(turn);
    expect(onA).toEqual([turn]); // at once, before any relay
    await tick();
    b.publish({ type: 'released', conversationId: 'c-1', ownership: 'bot', at: turn.at });
    await tick();
    expect(onA.map((e) => e.type)).toEqual(['turn', 'released']);
    expect(onB.map((e) => e.type)).toEqual(['turn', 'released']);
    // Anything else on the channel is not an event: ignored and logged.
    await store.signals.notify('activity', '{"origin":"x","event":{"type":"turn","conversationId":"c-2"}}');
    await tick();
    expect(onB).toHaveLength(2);
    expect(logger.lines.filter((r) => JSON.stringify(r).includes('ignored a malformed activity signal'))).toHaveLength(2); // by each bus
    a.close();
    b.publish(turn);
    await tick();
    expect(onA.map((e) => e.type)).toEqual(['turn', 'released']);
  });
});
