/**
 * decideGroup(group, command, now): a group's rules in one pure step, as
 * decide() is a session's.
 *
 * 1. Idempotency: a command whose id is in `recent` was applied before:
 *    { ok, duplicate: true }, nothing changes.
 * 2. Who may send it: the system fires timers and records meetings; a
 *    person joins; everything else is for members, and deleting the group
 *    for its owner.
 * 3. The rule, on a private copy of the group.
 * 4. seq + 1, `updatedAt` (not for the system's commands), the id remembered.
 */
import { SYSTEM } from '../session';
import { type GroupCtx, type GroupVerdict, reject } from './context';
import type { Group, GroupCommand, GroupCommandKind, GroupEffect, GroupOutcome } from './group';
import { joinGroup, leaveGroup, removeMember, setAway, setFacilitates, swap } from './members';
import { meetingClosed, meetingCreated, onGroupTimer, openMeetings, postpone, skip } from './meetings';
import { propose, withdrawProposal } from './proposals';

type CommandOf<K extends GroupCommandKind> = Extract<GroupCommand, { kind: K }>;

/** How many command ids a group remembers: its commands are few and far between, and a retry comes within seconds. */
export const GROUP_RECENT_LIMIT = 16;

/** Deleting needs no change here: the service deletes everything once the engine said yes. */
function deleteGroup(ctx: GroupCtx, _cmd: CommandOf<'delete'>): GroupVerdict {
  if (ctx.actor !== ctx.g.owner) return reject('not-allowed', 'Only the group’s owner (who created it) can delete it.');
  if (openMeetings(ctx.g).length > 0) return reject('invalid', 'A meeting of this group is still open: close it first, then delete the group.');
  return undefined;
}

const RULES: { [K in GroupCommandKind]: (ctx: GroupCtx, command: CommandOf<K>) => GroupVerdict } = {
  join: joinGroup,
  leave: leaveGroup,
  facilitates: setFacilitates,
  away: setAway,
  swap,
  skip,
  postpone,
  propose,
  withdraw: withdrawProposal,
  delete: deleteGroup,
  timer: onGroupTimer,
  'meeting-created': meetingCreated,
  'meeting-closed': meetingClosed,
  remove: removeMember,
};

const SYSTEM_ONLY: ReadonlySet<GroupCommandKind> = new Set<GroupCommandKind>(['timer', 'meeting-created', 'meeting-closed', 'remove']);

/** Who may send this command; undefined when the actor may. */
function actorCheck(group: Group, command: GroupCommand): GroupVerdict {
  if (SYSTEM_ONLY.has(command.kind)) return command.actor === SYSTEM ? undefined : reject('not-allowed', 'Only the bot does that.');
  if (command.actor === SYSTEM) return reject('not-allowed', 'The system only fires timers and records meetings.');
  if (command.kind === 'join' || group.members.includes(command.actor)) return undefined;
  return reject('not-participant', 'This is for members of the group. Join it first.');
}

/** A deep copy: the caller's group is never changed. */
function copyOf(group: Group): Group {
  return JSON.parse(JSON.stringify(group)) as Group;
}

/** Applies one command to a group: the next group and its effects, or why not. Pure. */
export function decideGroup(group: Group, command: GroupCommand, now: number): GroupOutcome {
  if (group.recent.includes(command.id)) return { ok: true, duplicate: true, group, effects: [] };
  const refused = actorCheck(group, command);
  if (refused) return refused;
  const ctx: GroupCtx = { g: copyOf(group), now, actor: command.actor, effects: [] };
  const rule = RULES[command.kind] as (ctx: GroupCtx, command: GroupCommand) => GroupVerdict;
  const verdict = rule(ctx, command);
  if (verdict) return verdict;
  const next = ctx.g;
  next.seq = group.seq + 1;
  if (command.actor !== SYSTEM) next.updatedAt = now;
  next.recent = [...group.recent, command.id].slice(-GROUP_RECENT_LIMIT);
  return { ok: true, duplicate: false, group: next, effects: uniqueGroupEffects(ctx.effects) };
}

function keyOf(effect: GroupEffect): string {
  switch (effect.type) {
    case 'card':
    case 'cancel-timers':
      return effect.type;
    case 'schedule':
      return `schedule:${effect.timer.stage ?? ''}`;
    case 'ask':
      return `ask:${effect.slot}:${effect.user}`;
    case 'remind':
    case 'tidy':
      return `${effect.type}:${effect.slot}`;
  }
}

/** Drops repeated effects, keeping the first position and the last content. */
export function uniqueGroupEffects(effects: readonly GroupEffect[]): GroupEffect[] {
  const byKey = new Map<string, GroupEffect>();
  for (const effect of effects) byKey.set(keyOf(effect), effect);
  return [...byKey.values()];
}
