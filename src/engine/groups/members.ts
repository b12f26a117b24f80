import { MAX_MEMBERS } from '../membership';
import type { UserId } from '../session';
import { type GroupCtx, type GroupVerdict, dayName, rawMention, redrawAndReschedule, reject } from './context';
import type { GroupCommandBody } from './group';
import { facilitatorFor, isUpcoming, nextMeeting } from './queries';
import { isAway } from './rotation';

/**
 * Who is in a group and who facilitates: joining, leaving, taking part in
 * the rotation, being away for a meeting, and handing one meeting's
 * facilitation to someone else (a swap).
 */

type BodyOf<K extends GroupCommandBody['kind']> = Extract<GroupCommandBody, { kind: K }>;

/** Someone in the channel joins; they facilitate in turn unless they say otherwise. */
export function joinGroup(ctx: GroupCtx, _cmd: BodyOf<'join'>): GroupVerdict {
  const { g, actor } = ctx;
  if (g.members.includes(actor)) return reject('invalid', "You're already in this group.");
  if (g.members.length >= MAX_MEMBERS) return reject('invalid', `This group is full (${MAX_MEMBERS} members).`);
  g.members.push(actor);
  g.rotation.push(actor);
  redrawAndReschedule(ctx);
  return undefined;
}

/** Drops a member's traces: the rotation, their days away, swaps naming them, their proposed case. */
function forget(ctx: GroupCtx, user: UserId): void {
  const { g } = ctx;
  g.members = g.members.filter((m) => m !== user);
  g.rotation = g.rotation.filter((m) => m !== user);
  // Nobody left to facilitate: everyone takes a turn, rather than meetings without a facilitator.
  if (g.rotation.length === 0) g.rotation = [...g.members];
  delete g.away[user];
  for (const [slot, to] of Object.entries(g.swaps)) if (to === user) delete g.swaps[slot];
  g.proposals = g.proposals.filter((p) => p.author !== user);
  if (g.owner === user && g.members[0] !== undefined) g.owner = g.members[0];
}

/** A member leaves: everything of theirs in the group goes with them. The last member deletes the group instead. */
export function leaveGroup(ctx: GroupCtx, _cmd: BodyOf<'leave'>): GroupVerdict {
  const { g, actor } = ctx;
  if (g.members.length === 1) return reject('invalid', "You're the last member: delete the group instead.");
  forget(ctx, actor);
  redrawAndReschedule(ctx);
  return undefined;
}

/** The system takes out a member whose account was deactivated (a group of one keeps its last member: its owner deletes it). */
export function removeMember(ctx: GroupCtx, cmd: BodyOf<'remove'>): GroupVerdict {
  const { g } = ctx;
  if (!g.members.includes(cmd.member)) return reject('invalid', 'Not a member of this group.');
  if (g.members.length === 1) return reject('invalid', 'The last member stays.');
  forget(ctx, cmd.member);
  redrawAndReschedule(ctx);
  return undefined;
}

/** A member takes part in the rotation (at its end), or stops; someone must always facilitate. */
export function setFacilitates(ctx: GroupCtx, cmd: BodyOf<'facilitates'>): GroupVerdict {
  const { g, actor } = ctx;
  const now = g.rotation.includes(actor);
  if (now === cmd.on) return reject('invalid', cmd.on ? 'You already facilitate in turn.' : "You don't facilitate in this group.");
  if (cmd.on) g.rotation.push(actor);
  else {
    if (g.rotation.length === 1) return reject('invalid', "You're the only one who facilitates: someone else must take part in the rotation first.");
    g.rotation = g.rotation.filter((user) => user !== actor);
    for (const [slot, to] of Object.entries(g.swaps)) if (to === actor) delete g.swaps[slot];
  }
  redrawAndReschedule(ctx);
  return undefined;
}

/** A member will miss a meeting, or will come after all. Whoever is away does not facilitate it. */
export function setAway(ctx: GroupCtx, cmd: BodyOf<'away'>): GroupVerdict {
  const { g, actor, now } = ctx;
  if (!isUpcoming(g, now, cmd.slot)) return reject('invalid', 'That is not one of the next meetings.');
  const days = g.away[actor] ?? [];
  if (days.includes(cmd.slot) === cmd.on) {
    return reject('invalid', cmd.on ? `You're already away on ${dayName(cmd.slot)}.` : `You weren't away on ${dayName(cmd.slot)}.`);
  }
  if (cmd.on && nextMeeting(g, now)?.slot === cmd.slot && g.proposals.some((p) => p.author === actor)) {
    return reject('invalid', 'You bring a case to that meeting: withdraw it first (it can wait for the next one).');
  }
  const next = cmd.on ? [...days, cmd.slot].sort() : days.filter((slot) => slot !== cmd.slot);
  if (next.length > 0) g.away[actor] = next;
  else delete g.away[actor];
  if (cmd.on && g.swaps[cmd.slot] === actor) delete g.swaps[cmd.slot];
  redrawAndReschedule(ctx);
  return undefined;
}

/** Whoever facilitates a meeting hands it to another member who facilitates, for that meeting only. */
export function swap(ctx: GroupCtx, cmd: BodyOf<'swap'>): GroupVerdict {
  const { g, actor, now } = ctx;
  if (!isUpcoming(g, now, cmd.slot)) return reject('invalid', 'That is not one of the next meetings.');
  const due = facilitatorFor(g, now, cmd.slot);
  if (due !== actor) return reject('not-allowed', `Only whoever facilitates that meeting (${due ? rawMention(due) : 'nobody yet'}) can hand it over.`);
  if (cmd.to === actor) return reject('invalid', "That's you: choose who facilitates instead.");
  if (!g.rotation.includes(cmd.to)) return reject('invalid', `${rawMention(cmd.to)} doesn't facilitate in this group.`);
  if (isAway(g, cmd.to, cmd.slot)) return reject('invalid', `${rawMention(cmd.to)} is away on ${dayName(cmd.slot)}.`);
  if (nextMeeting(g, now)?.slot === cmd.slot && g.proposals.some((p) => p.author === cmd.to)) {
    return reject('invalid', `${rawMention(cmd.to)} brings a case to that meeting, so they can't facilitate it.`);
  }
  g.swaps[cmd.slot] = cmd.to;
  redrawAndReschedule(ctx);
  return undefined;
}
