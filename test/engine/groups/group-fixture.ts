/** A group for the engine's tests: five members in Berlin who meet every Tuesday at 18:00 from 5 March 2024. */
import { decideGroup, newGroup, type Group, type GroupCommand, type GroupCommandBody, type GroupOutcome, type NewGroup } from '../../../src/engine/groups';
import { SYSTEM } from '../../../src/engine/session';

export const [A, B, C, D, E] = ['U0AAA', 'U0BBB', 'U0CCC', 'U0DDD', 'U0EEE'] as const;
export const OUTSIDER = 'U0ZZZ';
export const utc = (y: number, mo: number, d: number, h = 0, mi = 0): number => Date.UTC(y, mo - 1, d, h, mi);
/** Friday 1 March 2024, noon UTC. */
export const CREATED = utc(2024, 3, 1, 12);
/** Tuesday 5 March 2024, 18:00 in Berlin. */
export const FIRST = utc(2024, 3, 5, 17);

export function params(extra: Partial<NewGroup> = {}): NewGroup {
  return {
    id: 'grp1',
    channel: 'C0GROUP',
    name: 'Coaches',
    createdBy: A,
    members: [B, C, D, E],
    facilitators: [A, B, C],
    zone: 'Europe/Berlin',
    rule: { kind: 'weekly', every: 1, weekday: 2, time: '18:00', start: '2024-03-01' },
    settings: { formatId: 'progress-focused', meeting: 'live', facilitatorIsMember: true, askDays: 3, remindMinutes: 30 },
    ...extra,
  };
}

export function aGroup(extra: Partial<NewGroup> = {}): Group {
  return newGroup(params(extra), CREATED).group;
}

let counter = 0;

/** Applies a command as `actor` at `now`. */
export function act(group: Group, actor: string, body: GroupCommandBody, now = CREATED + 60_000, id?: string): GroupOutcome {
  counter += 1;
  const command = { id: id ?? `cmd${counter}`, actor, ...body } as GroupCommand;
  return decideGroup(group, command, now);
}

/** Applies a command that must be accepted; returns the next group. */
export function ok(group: Group, actor: string, body: GroupCommandBody, now?: number): Group {
  const outcome = act(group, actor, body, now);
  if (!outcome.ok) throw new Error(`refused: ${outcome.reason}`);
  return outcome.group;
}

export { SYSTEM };
