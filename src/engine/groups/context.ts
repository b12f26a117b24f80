import type { RejectionCode } from '../rejection';
import type { UserId } from '../session';
import type { Group, GroupEffect, GroupRejection } from './group';
import { groupTimers } from './queries';
import { type LocalDate, wallClock } from './zoned-time';

/** The working state of one group decision: a private copy of the group, changed in place, and the effects collected. */
export interface GroupCtx {
  g: Group;
  now: number;
  actor: UserId | 'system';
  effects: GroupEffect[];
}

export type { GroupRejection };

export type GroupVerdict = GroupRejection | undefined;

/** A group command's refusal. */
export function reject(code: RejectionCode, reason: string): GroupRejection {
  return { ok: false, code, reason };
}

/** A person as a group refusal names them (the shell shows Slack's mention). */
export function rawMention(user: UserId): string {
  return `<@${user}>`;
}

/** Collects an effect. */
export function emitGroup(ctx: GroupCtx, effect: GroupEffect): void {
  ctx.effects.push(effect);
}

/** The card shows what changed, and the timers follow the next meeting as it is now (each key replaces the last). */
export function redrawAndReschedule(ctx: GroupCtx): void {
  emitGroup(ctx, { type: 'card' });
  for (const timer of groupTimers(ctx.g, ctx.now)) emitGroup(ctx, { type: 'schedule', timer });
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** "Tue 12 Mar" for a slot date, in the engine's sentences. */
export function dayName(slot: LocalDate): string {
  const [year, month, day] = slot.split('-').map(Number);
  const w = wallClock(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1, 12), 'UTC');
  return `${DAYS[w.weekday - 1] ?? ''} ${w.day} ${MONTHS[w.month - 1] ?? ''}`;
}
