/**
 * Wall-clock time in a named time zone (the shop's), with Intl only: business hours and "back on Monday at 08:00"
 * must follow the shop's clock, including daylight saving time, whatever zone the server runs in.
 */
export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface LocalParts {
  year: number;
  month: number; // 1-12
  day: number;
  weekday: number; // 0 = Sunday
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short' });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function localParts(at: Date, timeZone: string): LocalParts {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

/** Minutes the zone is ahead of UTC at that instant (60 for Amsterdam in winter). */
function offsetMinutes(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return Math.round((asUtc - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** The instant when the zone's clock shows this wall time (for a time skipped by DST, the hour after). */
export function fromLocal(local: { year: number; month: number; day: number; hour: number; minute: number }, timeZone: string): Date {
  const guess = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  let at = new Date(guess - offsetMinutes(new Date(guess), timeZone) * 60_000);
  // A second pass settles instants near a DST switch, where the offset at the guess differs from the answer's.
  at = new Date(guess - offsetMinutes(at, timeZone) * 60_000);
  return at;
}

/** The given local calendar day moved by `days` (month and year boundaries handled by Date.UTC). */
export function addLocalDays(p: Pick<LocalParts, 'year' | 'month' | 'day'>, days: number): { year: number; month: number; day: number; weekday: number } {
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}

/** The latest instant at or before `now` when the zone's clock showed `weekday` `HH:MM`. */
export function mostRecentLocal(weekday: Weekday, time: string, timeZone: string, now: Date): Date {
  const [hour, minute] = time.split(':').map(Number);
  const today = localParts(now, timeZone);
  for (let back = 0; back <= 7; back++) {
    const day = addLocalDays(today, -back);
    if (WEEKDAYS[day.weekday] !== weekday) continue;
    const at = fromLocal({ ...day, hour, minute }, timeZone);
    if (at.getTime() <= now.getTime()) return at;
  }
  throw new Error(`no ${weekday} ${time} in the last week`); // unreachable: every weekday occurs within 8 days
}
