import { describe, expect, it } from 'vitest';
import { supportStatus } from '../../src/dialogue/support-hours.ts';
import type { SupportHours } from '../../src/knowledge/types.ts';

const hours: SupportHours = {
  timeZone: 'Europe/Amsterdam',
  weekly: { monday: '08:00-20:00', tuesday: '08:00-20:00', wednesday: '08:00-20:00', thursday: '08:00-20:00', friday: '08:00-20:00', saturday: '10:00-16:00', sunday: 'closed' },
  closedDates: ['2026-12-25', '2026-12-26'],
};

describe('supportStatus', () => {
  it('is open inside the hours, in the shop time zone', () => {
    expect(supportStatus(hours, new Date('2026-11-18T10:00:00Z'))).toEqual({ open: true }); // Wednesday 11:00 CET
    expect(supportStatus(hours, new Date('2026-11-18T18:59:00Z')).open).toBe(true); // 19:59 CET
    expect(supportStatus(hours, new Date('2026-11-18T19:00:00Z')).open).toBe(false); // 20:00 CET: closed
  });

  it('says when the team is back: later today, tomorrow, or on a weekday after a closed Sunday', () => {
    expect(supportStatus(hours, new Date('2026-11-18T05:30:00Z')).nextOpenText).toBe('today at 08:00'); // 06:30
    expect(supportStatus(hours, new Date('2026-11-18T21:00:00Z')).nextOpenText).toBe('tomorrow (Thursday) at 08:00');
    const saturdayNight = supportStatus(hours, new Date('2026-11-21T17:00:00Z'));
    expect(saturdayNight.nextOpenText).toBe('on Monday at 08:00');
    expect(saturdayNight.nextOpen?.toISOString()).toBe('2026-11-23T07:00:00.000Z');
  });

  it('skips closed dates (Christmas) and follows summer time', () => {
    expect(supportStatus(hours, new Date('2026-12-24T20:00:00Z')).nextOpenText).toBe('on Monday at 08:00'); // Thu night; Fri+Sat closed dates
    expect(supportStatus(hours, new Date('2026-07-01T06:30:00Z')).open).toBe(true); // 08:30 CEST
    expect(supportStatus(hours, new Date('2026-07-01T05:30:00Z')).open).toBe(false); // 07:30 CEST
  });

  it('never claims a next opening when the shop is always closed', () => {
    const never: SupportHours = { ...hours, weekly: Object.fromEntries(Object.keys(hours.weekly).map((d) => [d, 'closed'])) as SupportHours['weekly'] };
    expect(supportStatus(never, new Date('2026-11-18T10:00:00Z'))).toEqual({ open: false });
  });
});
