import {
  DAY_MS,
  type LocalDate,
  type LocalTime,
  type Weekday,
  addDays,
  daysBetween,
  firstOfMonth,
  isTimeZone,
  localDateOf,
  nthWeekdayOfMonth,
  parseDate,
  parseTime,
  weekdayOf,
  zonedInstant,
} from './zoned-time';

/**
 * When a group meets: a rule in the group's time zone, and the changes made
 * for single meetings (one skipped, one postponed). Pure; every instant comes
 * from zoned-time.ts, so a meeting at 18:00 is at 18:00 on the group's wall
 * clock in summer and in winter.
 *
 * - `weekly`: every `every` weeks (1–4) on `weekday` at `time`; the first
 *   meeting is the first such weekday on or after `start`.
 * - `monthly`: the `nth` (1–5) `weekday` of every month at `time`. A fifth
 *   weekday exists in only some months: `nth` 5 meets in those months and
 *   skips the others (no meeting moves to the fourth).
 *
 * A meeting is named by its `slot`: the date the rule gives it, which stays
 * its name when it is postponed. A postponed meeting stays before the next
 * regular one, so meetings always come in the order of their slots.
 */

export type CadenceRule =
  | { kind: 'weekly'; every: number; weekday: Weekday; time: LocalTime; start: LocalDate }
  | { kind: 'monthly'; nth: number; weekday: Weekday; time: LocalTime };

/** A meeting moved to another date and time (later, before the next regular meeting). */
export interface Move {
  date: LocalDate;
  time: LocalTime;
}

export interface Cadence {
  /** IANA time zone of the group's wall clock. */
  zone: string;
  rule: CadenceRule;
  /** Slots of meetings that will not take place. */
  skips: LocalDate[];
  /** Slots of meetings moved, to when. */
  moves: Record<LocalDate, Move>;
}

/** One meeting of a cadence. */
export interface Occurrence {
  slot: LocalDate;
  at: number;
  /** Postponed from its slot's regular time. */
  moved?: true;
}

export const MAX_EVERY_WEEKS = 4;
export const MAX_NTH = 5;
/** How many regular slots a search walks at most (a guard: 5th weekdays come at least every three months). */
const MAX_SLOTS = 2000;

/** What is wrong with a cadence rule; undefined when it is fine. */
export function checkCadence(zone: string, rule: CadenceRule): string | undefined {
  if (!isTimeZone(zone)) return `Unknown time zone "${zone.slice(0, 40)}".`;
  if (!Number.isInteger(rule.weekday) || rule.weekday < 1 || rule.weekday > 7) return 'Please choose a weekday.';
  if (!parseTime(rule.time)) return 'Please give the time as HH:MM.';
  if (rule.kind === 'weekly') {
    if (!Number.isInteger(rule.every) || rule.every < 1 || rule.every > MAX_EVERY_WEEKS) return `Meet every 1 to ${MAX_EVERY_WEEKS} weeks.`;
    if (!parseDate(rule.start)) return 'Please give the first date as YYYY-MM-DD.';
    return undefined;
  }
  if (!Number.isInteger(rule.nth) || rule.nth < 1 || rule.nth > MAX_NTH) return `Choose the first to the fifth ${'weekday'} of the month.`;
  return undefined;
}

/** The first weekly slot: the rule's weekday on or after its start. */
function firstWeekly(rule: Extract<CadenceRule, { kind: 'weekly' }>): LocalDate {
  return addDays(rule.start, (rule.weekday - weekdayOf(rule.start) + 7) % 7);
}

/** The rule's regular slots on or after `from`, in order (at most MAX_SLOTS). */
export function* regularSlots(rule: CadenceRule, from: LocalDate): Generator<LocalDate> {
  if (rule.kind === 'weekly') {
    const first = firstWeekly(rule);
    const period = 7 * rule.every;
    const k = Math.max(0, Math.ceil(daysBetween(first, from) / period));
    for (let i = 0; i < MAX_SLOTS; i += 1) yield addDays(first, (k + i) * period);
    return;
  }
  for (let month = 0; month < MAX_SLOTS; month += 1) {
    const slot = nthWeekdayOfMonth(firstOfMonth(from, month), rule.nth, rule.weekday);
    if (slot !== undefined && slot >= from) yield slot;
  }
}

/** The regular slot that follows `slot` (skipped or not). */
export function nextRegularSlot(rule: CadenceRule, slot: LocalDate): LocalDate | undefined {
  for (const next of regularSlots(rule, addDays(slot, 1))) return next;
  return undefined;
}

/** Whether `slot` is one of the rule's regular slots. */
export function isRegularSlot(rule: CadenceRule, slot: LocalDate): boolean {
  if (!parseDate(slot)) return false;
  for (const found of regularSlots(rule, slot)) return found === slot;
  return false;
}

/** The regular instant of a slot (before any move). */
export function regularAt(cadence: Cadence, slot: LocalDate): number {
  return zonedInstant(slot, cadence.rule.time, cadence.zone);
}

/** A slot's meeting as the cadence holds it now: moved or not; undefined when it is skipped. */
export function occurrenceOf(cadence: Cadence, slot: LocalDate): Occurrence | undefined {
  if (cadence.skips.includes(slot)) return undefined;
  const move = cadence.moves[slot];
  if (move) return { slot, at: zonedInstant(move.date, move.time, cadence.zone), moved: true };
  return { slot, at: regularAt(cadence, slot) };
}

/** How far back a search starts: past the regular slot before `from`, so a meeting postponed past `from` is found too. */
function lookBackDays(rule: CadenceRule): number {
  // Fifth weekdays can lie three months apart.
  return rule.kind === 'weekly' ? 7 * rule.every + 2 : rule.nth === MAX_NTH ? 100 : 40;
}

/** Up to `count` meetings at or after the instant `from`, in order. */
export function occurrencesFrom(cadence: Cadence, from: number, count: number): Occurrence[] {
  const found: Occurrence[] = [];
  if (count <= 0) return found;
  const start = localDateOf(from - lookBackDays(cadence.rule) * DAY_MS, cadence.zone);
  for (const slot of regularSlots(cadence.rule, start)) {
    const occurrence = occurrenceOf(cadence, slot);
    if (occurrence && occurrence.at >= from) found.push(occurrence);
    if (found.length >= count) break;
  }
  return found;
}

/** Why a slot cannot be postponed to `move`; undefined when it can (later than planned, before the next regular meeting). */
export function checkMove(cadence: Cadence, slot: LocalDate, move: Move, now: number): string | undefined {
  if (!parseDate(move.date) || !parseTime(move.time)) return 'Please give a date and a time.';
  const to = zonedInstant(move.date, move.time, cadence.zone);
  if (to <= regularAt(cadence, slot)) return 'A meeting can only be postponed: please choose a later time.';
  if (to <= now) return 'That time has passed. Please choose a later one.';
  const next = nextRegularSlot(cadence.rule, slot);
  if (next !== undefined && to >= regularAt(cadence, next)) return `Postpone it to before the next meeting (${next}), or skip this one.`;
  return undefined;
}
