import { addLocalDays, fromLocal, localParts, WEEKDAYS } from '../core/local-time.ts';
import type { SupportHours } from '../knowledge/types.ts';

export interface SupportStatus {
  open: boolean;
  /** When a person is next available (undefined while open, or when the shop never opens). */
  nextOpen?: Date;
  /** "today at 10:00", "tomorrow at 08:00", "on Monday at 08:00" in the shop's time zone. */
  nextOpenText?: string;
}

function span(hours: SupportHours, day: { year: number; month: number; day: number; weekday: number }): [string, string] | undefined {
  const iso = `${day.year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
  if (hours.closedDates.includes(iso)) return undefined;
  const spec = hours.weekly[WEEKDAYS[day.weekday]];
  if (spec === 'closed') return undefined;
  const [from, to] = spec.split('-');
  return [from, to];
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether the team is working at `at`, and if not, when it is back (looking up to two weeks ahead). */
export function supportStatus(hours: SupportHours, at: Date): SupportStatus {
  const now = localParts(at, hours.timeZone);
  const nowMin = now.hour * 60 + now.minute;
  for (let ahead = 0; ahead <= 14; ahead++) {
    const day = addLocalDays(now, ahead);
    const s = span(hours, day);
    if (!s) continue;
    if (ahead === 0 && nowMin >= minutes(s[0]) && nowMin < minutes(s[1])) return { open: true };
    if (ahead === 0 && nowMin >= minutes(s[0])) continue;
    const nextOpen = fromLocal({ ...day, hour: Number(s[0].slice(0, 2)), minute: Number(s[0].slice(3, 5)) }, hours.timeZone);
    const weekday = WEEKDAYS[day.weekday].replace(/^./, (c) => c.toUpperCase());
    const when = ahead === 0 ? 'today' : ahead === 1 ? `tomorrow (${weekday})` : `on ${weekday}`;
    return { open: false, nextOpen, nextOpenText: `${when} at ${s[0]}` };
  }
  return { open: false };
}
