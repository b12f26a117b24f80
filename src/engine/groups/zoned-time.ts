/**
 * Wall-clock time in an IANA time zone, from `Intl.DateTimeFormat` alone: no
 * offsets, leap years or daylight-saving rules written by hand. A calendar
 * date is a `LocalDate` ("2024-03-31"), a time of day a `LocalTime`
 * ("18:30"); days are counted with `Date.UTC` on the civil calendar, which
 * has no time zone, and only the last step, a date and a time in a zone to
 * an instant, asks the zone.
 *
 * Daylight saving, deterministically (as Temporal's "compatible"):
 * - a time that does not exist (the clock jumps from 02:00 to 03:00) is
 *   moved forward by the jump: 02:30 becomes 03:30;
 * - a time that exists twice (the clock goes back from 03:00 to 02:00) is
 *   the earlier of the two: 02:30 before the clock goes back.
 */

/** A calendar date, "YYYY-MM-DD". */
export type LocalDate = string;
/** A time of day on the 24-hour clock, "HH:MM". */
export type LocalTime = string;
/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** The fields of an instant on a zone's wall clock. */
export interface WallClock {
  date: LocalDate;
  time: LocalTime;
  weekday: Weekday;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const WEEKDAYS: Record<string, Weekday> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})$/;

// Building a DateTimeFormat costs far more than using one; a group's zone is asked again and again.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let found = formatters.get(zone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, found);
  }
  return found;
}

/** Whether Intl knows this time zone. */
export function isTimeZone(zone: string): boolean {
  if (zone === '') return false;
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** A date from its fields (the day may overflow: Date.UTC carries it into the next month). */
function dateOf(year: number, month: number, day: number): LocalDate {
  const d = new Date(Date.UTC(year, month - 1, day));
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The instant's fields on the zone's wall clock. */
export function wallClock(ts: number, zone: string): WallClock {
  const f: Record<string, string> = {};
  for (const part of formatter(zone).formatToParts(ts)) f[part.type] = part.value;
  const year = Number(f.year);
  const month = Number(f.month);
  const day = Number(f.day);
  // Some engines print midnight as 24 even on a 23-hour cycle.
  const hour = Number(f.hour) % 24;
  const minute = Number(f.minute);
  return {
    date: `${pad(year, 4)}-${pad(month)}-${pad(day)}`,
    time: `${pad(hour)}:${pad(minute)}`,
    weekday: WEEKDAYS[f.weekday ?? ''] ?? 1,
    year,
    month,
    day,
    hour,
    minute,
    second: Number(f.second),
  };
}

/** The calendar date of an instant in a zone. */
export function localDateOf(ts: number, zone: string): LocalDate {
  return wallClock(ts, zone).date;
}

/** The parts of a date; undefined when it is not a real "YYYY-MM-DD" date. */
export function parseDate(date: string): { year: number; month: number; day: number } | undefined {
  const m = DATE.exec(date);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return dateOf(year, month, day) === date ? { year, month, day } : undefined;
}

/** The parts of a time; undefined when it is not "HH:MM" on the 24-hour clock. */
export function parseTime(time: string): { hour: number; minute: number } | undefined {
  const m = TIME.exec(time);
  if (!m) return undefined;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  return hour < 24 && minute < 60 ? { hour, minute } : undefined;
}

function dateParts(date: LocalDate): { year: number; month: number; day: number } {
  const parts = parseDate(date);
  if (!parts) throw new Error(`not a date: ${date.slice(0, 20)}`);
  return parts;
}

/** The date `days` days after `date` (before, when negative). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const { year, month, day } = dateParts(date);
  return dateOf(year, month, day + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  const a = dateParts(from);
  const b = dateParts(to);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS);
}

/** The weekday of a calendar date. */
export function weekdayOf(date: LocalDate): Weekday {
  const { year, month, day } = dateParts(date);
  const sundayFirst = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return (sundayFirst === 0 ? 7 : sundayFirst) as Weekday;
}

/** The first day of the month `months` after the month of `date`. */
export function firstOfMonth(date: LocalDate, months = 0): LocalDate {
  const { year, month } = dateParts(date);
  return dateOf(year, month + months, 1);
}

/**
 * The `nth` (1–5) `weekday` of the month that `date` is in, or undefined
 * when that month has none (a fifth Tuesday, in most months).
 */
export function nthWeekdayOfMonth(date: LocalDate, nth: number, weekday: Weekday): LocalDate | undefined {
  const first = firstOfMonth(date);
  const found = addDays(first, ((weekday - weekdayOf(first) + 7) % 7) + 7 * (nth - 1));
  return firstOfMonth(found) === first ? found : undefined;
}

/** How far the zone's wall clock is ahead of UTC at an instant (ms). */
export function offsetAt(ts: number, zone: string): number {
  const w = wallClock(ts, zone);
  const wallAsUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return wallAsUtc - Math.floor(ts / 1000) * 1000;
}

/**
 * The instant when the zone's wall clock shows `date` at `time`; a time the
 * clock skips is moved forward by the jump, a time it shows twice is the
 * earlier one (see the module comment).
 */
export function zonedInstant(date: LocalDate, time: LocalTime, zone: string): number {
  const { year, month, day } = dateParts(date);
  const clock = parseTime(time);
  if (!clock) throw new Error(`not a time: ${time.slice(0, 10)}`);
  const wall = Date.UTC(year, month - 1, day, clock.hour, clock.minute);
  // The offsets a day either side bracket any change of this day (changes are never a day apart).
  const before = offsetAt(wall - DAY_MS, zone);
  const after = offsetAt(wall + DAY_MS, zone);
  // No change of offset near this day (nearly always): the time exists once.
  if (before === after) return wall - before;
  const shows = (ts: number): boolean => {
    const w = wallClock(ts, zone);
    return w.date === date && w.time === time;
  };
  const candidates = [...new Set([wall - before, wall - after])].filter(shows).sort((a, b) => a - b);
  const earliest = candidates[0];
  if (earliest !== undefined) return earliest;
  // Skipped by the clock: read with the offset from before the jump, which lands the jump's length later.
  return wall - before;
}
