/**
 * Wall-clock time in a zone, from Intl alone: the daylight-saving changes of
 * Europe/Berlin and America/New_York, the times they skip and repeat, and the
 * civil calendar.
 */
import fc from 'fast-check';
import {
  addDays,
  daysBetween,
  localDateOf,
  nthWeekdayOfMonth,
  parseDate,
  parseTime,
  wallClock,
  weekdayOf,
  zonedInstant,
} from '../../../src/engine/groups/zoned-time';

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';
const utc = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);

describe('zonedInstant: a date and a time in a zone', () => {
  it('is the same wall-clock time in winter and in summer', () => {
    expect(zonedInstant('2024-01-16', '18:00', BERLIN)).toBe(utc(2024, 1, 16, 17));
    expect(zonedInstant('2024-07-16', '18:00', BERLIN)).toBe(utc(2024, 7, 16, 16));
    expect(zonedInstant('2024-01-16', '18:00', NEW_YORK)).toBe(utc(2024, 1, 16, 23));
    expect(zonedInstant('2024-07-16', '18:00', NEW_YORK)).toBe(utc(2024, 7, 16, 22));
  });

  it('moves a time the clock skips forward by the jump (spring)', () => {
    // Berlin, 31 March 2024: 02:00 CET becomes 03:00 CEST, so 02:30 does not exist.
    expect(zonedInstant('2024-03-31', '02:30', BERLIN)).toBe(utc(2024, 3, 31, 1, 30));
    expect(wallClock(zonedInstant('2024-03-31', '02:30', BERLIN), BERLIN).time).toBe('03:30');
    // New York, 10 March 2024: 02:00 EST becomes 03:00 EDT.
    expect(zonedInstant('2024-03-10', '02:30', NEW_YORK)).toBe(utc(2024, 3, 10, 7, 30));
    expect(wallClock(zonedInstant('2024-03-10', '02:30', NEW_YORK), NEW_YORK).time).toBe('03:30');
    // The minutes either side of the jump exist as they are.
    expect(wallClock(zonedInstant('2024-03-31', '01:59', BERLIN), BERLIN).time).toBe('01:59');
    expect(wallClock(zonedInstant('2024-03-31', '03:00', BERLIN), BERLIN).time).toBe('03:00');
  });

  it('takes the earlier of a time the clock shows twice (autumn)', () => {
    // Berlin, 27 October 2024: 03:00 CEST becomes 02:00 CET, so 02:30 happens at 00:30 and 01:30 UTC.
    expect(zonedInstant('2024-10-27', '02:30', BERLIN)).toBe(utc(2024, 10, 27, 0, 30));
    // New York, 3 November 2024: 02:00 EDT becomes 01:00 EST, so 01:30 happens at 05:30 and 06:30 UTC.
    expect(zonedInstant('2024-11-03', '01:30', NEW_YORK)).toBe(utc(2024, 11, 3, 5, 30));
    expect(zonedInstant('2024-11-03', '02:30', NEW_YORK)).toBe(utc(2024, 11, 3, 7, 30));
  });

  it('gives back the wall clock it was given, for any minute of 2020–2030 in both zones', () => {
    fc.assert(
      fc.property(fc.constantFrom(BERLIN, NEW_YORK), fc.integer({ min: utc(2020, 1, 1, 0) / 60_000, max: utc(2030, 12, 31, 0) / 60_000 }), (zone, minute) => {
        const ts = minute * 60_000;
        const w = wallClock(ts, zone);
        const back = zonedInstant(w.date, w.time, zone);
        // The same instant, or an hour earlier when the clock showed this time twice.
        expect([ts, ts - 3_600_000]).toContain(back);
        expect(wallClock(back, zone).time).toBe(w.time);
        expect(wallClock(back, zone).date).toBe(w.date);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the civil calendar', () => {
  it('counts days across months, leap days and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2024-03-31', '2024-03-24')).toBe(-7);
  });

  it('knows weekdays (Monday is 1) and the nth weekday of a month', () => {
    expect(weekdayOf('2024-03-31')).toBe(7);
    expect(weekdayOf('2024-04-01')).toBe(1);
    expect(nthWeekdayOfMonth('2024-04-17', 1, 2)).toBe('2024-04-02');
    expect(nthWeekdayOfMonth('2024-04-17', 5, 2)).toBe('2024-04-30');
    expect(nthWeekdayOfMonth('2024-05-01', 5, 2)).toBeUndefined();
  });

  it('reads only real dates and 24-hour times', () => {
    expect(parseDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseDate('2023-02-29')).toBeUndefined();
    expect(parseDate('2024-2-3')).toBeUndefined();
    expect(parseTime('23:59')).toEqual({ hour: 23, minute: 59 });
    expect(parseTime('24:00')).toBeUndefined();
    expect(parseTime('7:00')).toBeUndefined();
  });

  it('gives the date of an instant on the zone’s wall clock', () => {
    // 23:30 UTC on 15 January is already the 16th in Berlin and still the 15th in New York.
    expect(localDateOf(utc(2024, 1, 15, 23, 30), BERLIN)).toBe('2024-01-16');
    expect(localDateOf(utc(2024, 1, 15, 23, 30), NEW_YORK)).toBe('2024-01-15');
  });
});
