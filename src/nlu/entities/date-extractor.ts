import type { Entity } from './entity.ts';
import { NUMBER_WORD_PATTERN, parseCount } from './number-words.ts';

const DAY_MS = 86_400_000;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
// Full names only: "sun", "sat" or "wed" alone are ordinary words far more often than weekdays.
const WEEKDAY = String.raw`(sun|mon|tues|wednes|thurs|fri|satur)day`;

export interface DateOptions {
  now: Date;
  /** 12/03/2026 is 12 March when true (the default, as in most of our markets), 3 December when false. */
  dayFirst?: boolean;
}

// Calendar arithmetic is done on UTC dates so results do not depend on the server's time zone.
const utcDay = (d: Date) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function validDate(y: number, m: number, d: number): number | undefined {
  const ms = Date.UTC(y, m, d);
  const back = new Date(ms);
  return back.getUTCMonth() === m && back.getUTCDate() === d ? ms : undefined;
}

/** A day and month without a year: the occurrence nearest to today (customers mostly talk about recent dates). */
function nearestYear(now: Date, month: number, day: number): number | undefined {
  const today = utcDay(now);
  const options = [-1, 0, 1].map((dy) => validDate(now.getUTCFullYear() + dy, month, day)).filter((x) => x !== undefined);
  return options.sort((a, b) => Math.abs(a - today) - Math.abs(b - today))[0];
}

interface Rule {
  re: RegExp;
  confidence: number;
  resolve(m: RegExpExecArray, opts: DateOptions): number | undefined;
}

const weekdayIndex = (w: string) => WEEKDAYS.findIndex((d) => d.startsWith(w.toLowerCase().slice(0, 3)));
const monthIndex = (m: string) => MONTHS.indexOf(m.toLowerCase().slice(0, 3));

const RULES: Rule[] = [
  { re: /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g, confidence: 0.97, resolve: (m) => validDate(+m[1], +m[2] - 1, +m[3]) },
  {
    re: /(?<![\d./-])(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d./-]*\d)/g,
    confidence: 0.9,
    resolve: (m, o) => {
      const a = +m[1], b = +m[3];
      const year = m[4].length === 2 ? 2000 + +m[4] : +m[4];
      // Day first by default; if that is impossible (month > 12) the other reading is the only one left.
      const dayFirst = a > 12 ? true : b > 12 ? false : o.dayFirst !== false;
      return dayFirst ? validDate(year, b - 1, a) : validDate(year, a - 1, b);
    },
  },
  {
    re: new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH}\.?(?:,?\s+(\d{4}))?\b`, 'gi'),
    confidence: 0.92,
    resolve: (m, o) => (m[3] ? validDate(+m[3], monthIndex(m[2]), +m[1]) : nearestYear(o.now, monthIndex(m[2]), +m[1])),
  },
  {
    re: new RegExp(String.raw`\b${MONTH}\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?`, 'gi'),
    confidence: 0.88,
    resolve: (m, o) => (m[3] ? validDate(+m[3], monthIndex(m[1]), +m[2]) : nearestYear(o.now, monthIndex(m[1]), +m[2])),
  },
  {
    re: /\b(the day before yesterday|day after tomorrow|today|tonight|yesterday|tomorrow)\b/gi,
    confidence: 0.95,
    resolve: (m, o) => {
      const offset = { 'the day before yesterday': -2, 'day after tomorrow': 2, today: 0, tonight: 0, yesterday: -1, tomorrow: 1 };
      return utcDay(o.now) + offset[m[1].toLowerCase() as keyof typeof offset] * DAY_MS;
    },
  },
  {
    re: new RegExp(String.raw`\b(\d+|${NUMBER_WORD_PATTERN}|a|an)\s+(day|week)s?\s+ago\b`, 'gi'),
    confidence: 0.93,
    resolve: (m, o) => utcDay(o.now) - parseCount(m[1])! * (m[2].toLowerCase() === 'week' ? 7 : 1) * DAY_MS,
  },
  {
    re: new RegExp(String.raw`\b(?:(last|past|previous|this|next|on)\s+)?${WEEKDAY}\b`, 'gi'),
    confidence: 0.8,
    resolve: (m, o) => {
      const target = weekdayIndex(m[2]);
      const today = utcDay(o.now);
      const diff = (new Date(today).getUTCDay() - target + 7) % 7;
      // "next friday" looks ahead; everything else ("last", "on", bare) means the most recent one before today.
      if (m[1]?.toLowerCase() === 'next') return today + ((target - new Date(today).getUTCDay() + 7) % 7 || 7) * DAY_MS;
      return today - (diff === 0 ? 7 : diff) * DAY_MS;
    },
  },
];

export function findDates(text: string, options: DateOptions): Entity[] {
  const out: Entity[] = [];
  for (const rule of RULES) {
    for (const m of text.matchAll(rule.re)) {
      const ms = rule.resolve(m as RegExpExecArray, options);
      if (ms === undefined || Number.isNaN(ms)) continue;
      // A bare weekday ("mon", "sat") is weaker evidence than an explicit "last friday".
      const bare = rule.re === RULES[RULES.length - 1].re && m[1] === undefined;
      const confidence = bare ? rule.confidence - 0.2 : rule.confidence;
      out.push({ type: 'date', value: iso(ms), raw: m[0], start: m.index, end: m.index + m[0].length, confidence });
    }
  }
  return out;
}
