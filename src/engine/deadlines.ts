import type { Settings } from './session';
import { wallClock as zonedWallClock } from './groups/zoned-time';

/**
 * Asynchronous deadlines, optionally in working days: a window that falls on
 * or crosses a weekend (Saturday 00:00 to Monday 00:00 in the session's time
 * zone) is pushed by the weekend's length, so nobody is expected to answer on
 * a Saturday. Pure: time zones come from Intl.DateTimeFormat, not the host.
 */

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
interface LocalDate {
  year: number;
  month: number;
  day: number;
  /** 0 = Sunday ... 6 = Saturday. */
  weekday: number;
}

/** Wall-clock fields of an instant in a time zone (the groups' zoned time; here weekdays count from 0 = Sunday). */
function wallClock(ts: number, timeZone: string): LocalDate & { hour: number; minute: number; second: number } {
  const w = zonedWallClock(ts, timeZone);
  return { year: w.year, month: w.month, day: w.day, weekday: w.weekday % 7, hour: w.hour, minute: w.minute, second: w.second };
}

/** How far the zone's wall clock is ahead of UTC at an instant. */
function offsetAt(ts: number, timeZone: string): number {
  const w = wallClock(ts, timeZone);
  const wallAsUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return wallAsUtc - Math.floor(ts / 1000) * 1000;
}

/** The instant of local midnight on a calendar date (day may overflow; Date.UTC normalises it). */
function localMidnight(year: number, month: number, day: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day);
  // Two passes settle the offset when a daylight-saving change lies between the guess and the answer.
  const first = wall - offsetAt(wall, timeZone);
  return wall - offsetAt(first, timeZone);
}

/** The weekend that contains `ts`, or else the next one. */
function weekendFrom(ts: number, timeZone: string): { start: number; end: number } {
  const local = wallClock(ts, timeZone);
  const toSaturday = local.weekday === 6 ? 0 : local.weekday === 0 ? -1 : 6 - local.weekday;
  const saturday = new Date(Date.UTC(local.year, local.month - 1, local.day + toSaturday));
  const y = saturday.getUTCFullYear();
  const m = saturday.getUTCMonth() + 1;
  const d = saturday.getUTCDate();
  return { start: localMidnight(y, m, d, timeZone), end: localMidnight(y, m, d + 2, timeZone) };
}

/** The instant when `ms` of weekday time have passed since `start`. */
export function workingDeadline(start: number, ms: number, timeZone: string): number {
  let at = start;
  let remaining = ms;
  // A week holds one weekend, so a window of up to 168 hours crosses at most a few; the bound is a guard.
  for (let guard = 0; guard < 200; guard += 1) {
    const weekend = weekendFrom(at, timeZone);
    if (at >= weekend.start) {
      at = weekend.end;
      continue;
    }
    if (at + remaining < weekend.start) return at + remaining;
    remaining -= weekend.start - at;
    at = weekend.end;
  }
  return at + remaining;
}

/** The deadline of an asynchronous step opened at `now` that lasts `hours`. */
export function asyncDeadline(now: number, hours: number, settings: Settings): number {
  const ms = hours * HOUR;
  return settings.workingDaysOnly ? workingDeadline(now, ms, settings.timeZone) : now + ms;
}

/** Whether a time zone name is one Intl knows (one check for sessions and groups). */
export { isTimeZone } from './groups/zoned-time';
