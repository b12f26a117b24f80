import { emit, emitProgress, mention, reject, type Ctx, type Verdict } from './context';
import { isParticipant } from './queries';
import { SYSTEM, type Command, type NoticeKind, type UserId } from './session';

/**
 * Who is in the session: joining (which confirms the confidentiality
 * agreement), leaving, removal by the facilitator or (for an account
 * deactivated in Slack) by the system, and agreeing.
 */

type CommandOf<K extends Command['kind']> = Extract<Command, { kind: K }>;

/** More members than this would not fit a round board in one Slack message. */
export const MAX_MEMBERS = 30;

/** Someone joins as a member; a late joiner takes part from the next round. Joining confirms the agreement. */
export function join(ctx: Ctx, _cmd: CommandOf<'join'>): Verdict {
  const { s, actor } = ctx;
  if (isParticipant(s, actor)) {
    // The presenter, the facilitator and listed members join to confirm the agreement.
    if (s.agreed.includes(actor)) return reject('invalid', "You're already in this session.");
    s.agreed.push(actor);
    emitProgress(ctx);
    return undefined;
  }
  if (s.members.length >= MAX_MEMBERS) return reject('invalid', `This session is full (${MAX_MEMBERS} members).`);
  s.members.push(actor);
  if (!s.agreed.includes(actor)) s.agreed.push(actor);
  emitMembership(ctx, 'member-joined', actor);
  return undefined;
}

/** A member leaves; mid-session this is the same as a removal. */
export function leave(ctx: Ctx, _cmd: CommandOf<'leave'>): Verdict {
  const { s, actor } = ctx;
  if (actor === s.presenter) {
    return reject('not-allowed', `As the presenter you can't leave your own session; the facilitator (${mention(s.facilitator)}) can close it.`);
  }
  if (actor === s.facilitator) return reject('not-allowed', 'As the facilitator you close the session instead of leaving it.');
  if (!s.members.includes(actor)) return reject('not-participant', "You're not a member of this session.");
  dropMember(ctx, actor, 'member-left');
  return undefined;
}

/** The facilitator removes a member; their inputs stay, and if it is their turn it moves on. */
export function remove(ctx: Ctx, cmd: CommandOf<'remove'>): Verdict {
  if (cmd.reason === 'deactivated') return removeDeactivated(ctx, cmd.member);
  const { s } = ctx;
  if (cmd.member === s.facilitator) return reject('invalid', "You can't remove yourself; close the session instead.");
  if (!s.members.includes(cmd.member)) return reject('invalid', `${mention(cmd.member)} is not a member of this session.`);
  dropMember(ctx, cmd.member, 'member-removed');
  return undefined;
}

/**
 * The system removes someone whose Slack account was deactivated: they can
 * no longer click anything, so nothing may wait for them. As a member they
 * are taken out like a removal (their turn moves on, rounds settle, their
 * inputs stay). A presenter cannot be taken out: a running session pauses,
 * for the facilitator to close it. A facilitator stays the facilitator (only
 * their member role goes); the shell tells the presenter. Accepted for every
 * participant, even when nothing changes, so a repeat is a duplicate.
 */
export function removeDeactivated(ctx: Ctx, user: UserId): Verdict {
  const { s, actor } = ctx;
  if (actor !== SYSTEM) return reject('not-allowed', 'Only Slack can tell me that an account was deactivated.');
  if (!isParticipant(s, user)) return reject('invalid', `${mention(user)} does not take part in this session.`);
  if (s.members.includes(user)) dropMember(ctx, user, 'member-removed');
  if (user === s.presenter && s.status === 'running') {
    s.status = 'paused';
    s.pausedAt = ctx.now;
    emit(ctx, { type: 'card' });
    // The notice names the presenter, so it says why the session paused (not the facilitator's pause).
    emit(ctx, { type: 'notice', notice: 'paused', user });
  }
  return undefined;
}

/** A participant confirms the confidentiality agreement. */
export function agree(ctx: Ctx, _cmd: CommandOf<'agree'>): Verdict {
  const { s, actor } = ctx;
  if (s.agreed.includes(actor)) return reject('invalid', "You've already agreed.");
  s.agreed.push(actor);
  emitProgress(ctx);
  return undefined;
}

/** Takes a member out; in an open round their turn counts as skipped, so the round does not wait for them. */
function dropMember(ctx: Ctx, user: UserId, notice: NoticeKind): void {
  const { s } = ctx;
  s.members = s.members.filter((member) => member !== user);
  const round = s.current?.round;
  if (round && round.order.includes(user) && round.marks[user] === undefined) round.marks[user] = 'skipped';
  emitMembership(ctx, notice, user);
}

/** Re-render the card; once the session runs, also say so in the thread and update the phase. */
function emitMembership(ctx: Ctx, notice: NoticeKind, user: UserId): void {
  if (ctx.s.status === 'open') {
    emit(ctx, { type: 'card' });
    return;
  }
  emitProgress(ctx);
  emit(ctx, { type: 'notice', notice, user, ...(ctx.s.current ? { phaseId: ctx.s.current.id } : {}) });
}
