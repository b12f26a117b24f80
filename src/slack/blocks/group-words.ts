import type { Cadence, CadenceRule } from '../../engine/groups/cadence';
import type { Meeting } from '../../engine/groups/group';
import { wallClock, type LocalDate } from '../../engine/groups/zoned-time';

/**
 * How a group's cadence, meetings and what it keeps are said to people. Plain
 * strings for now, as the other renderers' (they move into the catalogs with
 * the rest).
 */

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const NTH = ['first', 'second', 'third', 'fourth', 'fifth'];

/** "every week on Tuesday at 18:00", "on the fifth Tuesday of the month (in months that have one) at 19:00". */
export function ruleWords(rule: CadenceRule): string {
  const day = WEEKDAY_NAMES[rule.weekday - 1] ?? '';
  if (rule.kind === 'weekly') {
    const every = rule.every === 1 ? 'every week' : `every ${rule.every} weeks`;
    return `${every} on ${day} at ${rule.time}`;
  }
  const fifth = rule.nth === 5 ? ' (in months that have one)' : '';
  return `on the ${NTH[rule.nth - 1] ?? ''} ${day} of the month${fifth} at ${rule.time}`;
}

/** The cadence with its zone: "every 2 weeks on Tuesday at 18:00 (Europe/Berlin time)". */
export function cadenceWords(cadence: Cadence): string {
  return `${ruleWords(cadence.rule)} (${cadence.zone} time)`;
}

/** "Tue 5 Mar 2024, 18:00" on the zone's wall clock. */
export function when(at: number, zone: string): string {
  const w = wallClock(at, zone);
  return `${DAYS[w.weekday - 1] ?? ''} ${w.day} ${MONTHS[w.month - 1] ?? ''} ${w.year}, ${w.time}`;
}

/** "Tue 5 Mar 2024" for a meeting's slot. */
export function dayOf(slot: LocalDate): string {
  return when(Date.UTC(Number(slot.slice(0, 4)), Number(slot.slice(5, 7)) - 1, Number(slot.slice(8, 10)), 12), 'UTC').replace(/, \d\d:\d\d$/, '');
}

export const MEETING_WORDS: Record<Meeting, string> = {
  live: 'live, in writing',
  call: 'live, on a call',
  async: 'asynchronously',
};

/** What a group keeps, in plain words (shown by /intervision group). */
export const KEPT_TEXT =
  '*What this group keeps.* Only what it needs to run: who is in it and who facilitates in turn, when it meets ' +
  '(and a meeting skipped or moved), who said they are away, and of its past meetings the date, the format and how many took part. ' +
  'The short titles of cases proposed for the next meeting are kept until that meeting begins (or the one after, if their author carries one over). ' +
  'Nothing said in a meeting is kept: each meeting is deleted when it closes, like any session. Deleting the group deletes all of it.';
