/**
 * A group's cadence in its time zone: weekly and monthly rules across the
 * daylight-saving changes of Europe/Berlin and America/New_York (property
 * tests), "the 5th Tuesday" months, and single meetings skipped or postponed.
 */
import fc from 'fast-check';
import { checkCadence, checkMove, occurrencesFrom, type Cadence, type CadenceRule } from '../../../src/engine/groups/cadence';
import { addDays, daysBetween, offsetAt, wallClock, zonedInstant, type Weekday } from '../../../src/engine/groups/zoned-time';

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';
const HOUR = 3_600_000;
const utc = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);

function cadence(zone: string, rule: CadenceRule, extra: Partial<Cadence> = {}): Cadence {
  return { zone, rule, skips: [], moves: {}, ...extra };
}

/** The time an hour after `time` ("02:30" -> "03:30"). */
function hourLater(time: string): string {
  const [h = 0, m = 0] = time.split(':').map(Number);
  return `${String(h + 1).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Each meeting is at the rule's time on the zone's wall clock, or an hour later on a day the clock skipped that time. */
function expectRuleTime(zone: string, time: string, at: number, slot: string): void {
  const wall = wallClock(at, zone);
  expect(wall.date).toBe(slot);
  if (wall.time === time) return;
  expect(wall.time).toBe(hourLater(time));
  // Only where the clock jumped forward an hour just before.
  expect(offsetAt(at, zone) - offsetAt(at - 2 * HOUR, zone)).toBe(HOUR);
}

const zoneArb = fc.constantFrom(BERLIN, NEW_YORK);
const weekdayArb = fc.integer({ min: 1, max: 7 }).map((d) => d as Weekday);
const timeArb = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45)).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const dayArb = fc.integer({ min: 0, max: 365 * 8 }).map((n) => addDays('2022-01-01', n));
const instantArb = fc.integer({ min: utc(2022, 1, 1), max: utc(2030, 1, 1) });

describe('weekly cadence', () => {
  it('keeps the wall-clock time and the weekday across daylight saving, every N weeks, in order (property)', () => {
    fc.assert(
      fc.property(zoneArb, weekdayArb, timeArb, fc.integer({ min: 1, max: 4 }), dayArb, instantArb, (zone, weekday, time, every, start, from) => {
        const c = cadence(zone, { kind: 'weekly', every, weekday, time, start });
        const found = occurrencesFrom(c, from, 30);
        expect(found).toHaveLength(30);
        found.forEach((o, i) => {
          expect(o.at).toBeGreaterThanOrEqual(from);
          expectRuleTime(zone, time, o.at, o.slot);
          expect(wallClock(o.at, zone).weekday === weekday || wallClock(o.at, zone).time !== time).toBe(true);
          expect(o.slot >= start).toBe(true);
          const previous = found[i - 1];
          if (previous) {
            expect(o.at).toBeGreaterThan(previous.at);
            expect(daysBetween(previous.slot, o.slot)).toBe(7 * every);
          }
        });
      }),
      { numRuns: 200 },
    );
  });

  it('meets at 18:00 in Berlin the week before and the week after the clocks change', () => {
    const c = cadence(BERLIN, { kind: 'weekly', every: 1, weekday: 2, time: '18:00', start: '2024-03-19' });
    expect(occurrencesFrom(c, utc(2024, 3, 18), 3).map((o) => o.at)).toEqual([utc(2024, 3, 19, 17), utc(2024, 3, 26, 17), utc(2024, 4, 2, 16)]);
    const autumn = occurrencesFrom(c, utc(2024, 10, 20), 2).map((o) => o.at);
    expect(autumn).toEqual([utc(2024, 10, 22, 16), utc(2024, 10, 29, 17)]);
  });

  it('meets at 02:30 on a Sunday in New York: an hour later the day the clock skips it, the first 02:30 the day it repeats', () => {
    const c = cadence(NEW_YORK, { kind: 'weekly', every: 1, weekday: 7, time: '01:30', start: '2024-10-27' });
    // 3 November 2024: 01:30 happens twice; the first (EDT) is the meeting.
    expect(occurrencesFrom(c, utc(2024, 11, 1), 1)[0]).toEqual({ slot: '2024-11-03', at: utc(2024, 11, 3, 5, 30) });
    const spring = cadence(NEW_YORK, { kind: 'weekly', every: 1, weekday: 7, time: '02:30', start: '2024-03-03' });
    const [gap] = occurrencesFrom(spring, utc(2024, 3, 9), 1);
    expect(gap?.slot).toBe('2024-03-10');
    expect(wallClock(gap?.at ?? 0, NEW_YORK).time).toBe('03:30');
  });

  it('starts at the first of its weekdays on or after the start date, then every N weeks', () => {
    const c = cadence(BERLIN, { kind: 'weekly', every: 2, weekday: 4, time: '09:00', start: '2024-05-01' });
    expect(occurrencesFrom(c, utc(2024, 1, 1), 3).map((o) => o.slot)).toEqual(['2024-05-02', '2024-05-16', '2024-05-30']);
    expect(occurrencesFrom(c, utc(2024, 5, 20), 1).map((o) => o.slot)).toEqual(['2024-05-30']);
  });
});

describe('monthly cadence', () => {
  it('is the nth weekday of every month (or of those that have a fifth), at the wall-clock time (property)', () => {
    fc.assert(
      fc.property(zoneArb, weekdayArb, timeArb, fc.integer({ min: 1, max: 5 }), instantArb, (zone, weekday, time, nth, from) => {
        const c = cadence(zone, { kind: 'monthly', nth, weekday, time });
        const found = occurrencesFrom(c, from, 12);
        expect(found).toHaveLength(12);
        found.forEach((o, i) => {
          expectRuleTime(zone, time, o.at, o.slot);
          const day = Number(o.slot.slice(8));
          expect(Math.ceil(day / 7)).toBe(nth);
          const previous = found[i - 1];
          if (!previous) return;
          expect(o.at).toBeGreaterThan(previous.at);
          if (nth < 5) expect(daysBetween(previous.slot, o.slot)).toBeLessThanOrEqual(35);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('meets on the 5th Tuesday only in months that have one', () => {
    const c = cadence(BERLIN, { kind: 'monthly', nth: 5, weekday: 2, time: '19:00' });
    const slots = occurrencesFrom(c, utc(2024, 1, 1), 9).map((o) => o.slot);
    expect(slots).toEqual(['2024-01-30', '2024-04-30', '2024-07-30', '2024-10-29', '2024-12-31', '2025-04-29', '2025-07-29', '2025-09-30', '2025-12-30']);
    // 29 October 2024 is after Berlin's clocks went back (27 October): 19:00 CET.
    expect(occurrencesFrom(c, utc(2024, 10, 1), 1)[0]?.at).toBe(utc(2024, 10, 29, 18));
  });

  it('meets on the 2nd Tuesday in New York at 18:00 whether or not the clocks have changed', () => {
    const c = cadence(NEW_YORK, { kind: 'monthly', nth: 2, weekday: 2, time: '18:00' });
    expect(occurrencesFrom(c, utc(2024, 2, 20), 2).map((o) => o.at)).toEqual([utc(2024, 3, 12, 22), utc(2024, 4, 9, 22)]);
    expect(occurrencesFrom(c, utc(2024, 10, 20), 2).map((o) => o.at)).toEqual([utc(2024, 11, 12, 23), utc(2024, 12, 10, 23)]);
  });
});

describe('one meeting skipped or postponed', () => {
  const rule: CadenceRule = { kind: 'weekly', every: 1, weekday: 2, time: '18:00', start: '2024-03-05' };

  it('leaves out a skipped meeting and keeps the others', () => {
    const c = cadence(BERLIN, rule, { skips: ['2024-03-12'] });
    expect(occurrencesFrom(c, utc(2024, 3, 6), 2).map((o) => o.slot)).toEqual(['2024-03-19', '2024-03-26']);
  });

  it('moves a postponed meeting and keeps its slot, found even when its regular time has passed', () => {
    const c = cadence(BERLIN, rule, { moves: { '2024-03-12': { date: '2024-03-14', time: '10:00' } } });
    const [first] = occurrencesFrom(c, utc(2024, 3, 13), 1);
    expect(first).toEqual({ slot: '2024-03-12', at: zonedInstant('2024-03-14', '10:00', BERLIN), moved: true });
  });

  it('refuses a postponement that is not later, has passed, or reaches the next meeting', () => {
    const c = cadence(BERLIN, rule);
    const now = utc(2024, 3, 10);
    expect(checkMove(c, '2024-03-12', { date: '2024-03-12', time: '17:00' }, now)).toMatch(/later time/);
    expect(checkMove(c, '2024-03-12', { date: '2024-03-19', time: '18:00' }, now)).toMatch(/before the next meeting \(2024-03-19\)/);
    expect(checkMove(c, '2024-03-12', { date: '2024-03-13', time: '18:00' }, utc(2024, 3, 14))).toMatch(/passed/);
    expect(checkMove(c, '2024-03-12', { date: '2024-03-18', time: '23:00' }, now)).toBeUndefined();
  });
});

describe('checkCadence', () => {
  it('names what is wrong', () => {
    const weekly: CadenceRule = { kind: 'weekly', every: 1, weekday: 1, time: '18:00', start: '2024-01-01' };
    expect(checkCadence('Mars/Olympus', weekly)).toMatch(/Unknown time zone/);
    expect(checkCadence(BERLIN, { ...weekly, every: 5 })).toMatch(/1 to 4 weeks/);
    expect(checkCadence(BERLIN, { ...weekly, time: '25:00' })).toMatch(/HH:MM/);
    expect(checkCadence(BERLIN, { kind: 'monthly', nth: 6, weekday: 1, time: '18:00' })).toMatch(/fifth/);
    expect(checkCadence(BERLIN, weekly)).toBeUndefined();
  });
});
