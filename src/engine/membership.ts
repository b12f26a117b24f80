import { emit, emitProgress, person, reject, role, type Ctx, type Verdict } from './context';
import { isParticipant, participants } from './queries';
import { forgetInSelection } from './selection';
import { SYSTEM, type Command, type NoticeKind, type UserId } from './session';

/**
 * Who is in the session: joining (which confirms the confidentiality
 * agreement), leaving, removal by the facilitator or (for an account
 * deactivated in Slack) by the system, agreeing, the members set before the
 * start, and taking off those who never agreed. A private room's membership
 * follows: only people who agreed are in it.
 */

type CommandOf<K extends Command['kind']> = Extract<Command, { kind: K }>;

/** More members than this would not fit a round board in one Slack message. */
export const MAX_MEMBERS = 30;

/**
 * Someone joins as a member, which confirms the confidentiality agreement.
 * The people named in the session (presenter, facilitator, members) join to
 * confirm it. Newcomers are welcome only before the start: once the session
 * has begun, its circle is closed.
 */
export function join(ctx: Ctx, _cmd: CommandOf<'join'>): Verdict {
  const { s, actor } = ctx;
  if (isParticipant(s, actor)) {
    if (s.agreed.includes(actor)) return reject('invalid', 'alreadyIn');
    confirmAgreement(ctx);
    return undefined;
  }
  if (s.status !== 'open') {
    return reject('already-started', 'startedNoJoin', { facilitator: role('facilitator', s.facilitator) });
  }
  if (s.members.length >= MAX_MEMBERS) return reject('invalid', 'full', { max: MAX_MEMBERS });
  s.members.push(actor);
  s.agreed.push(actor);
  emitMembership(ctx, 'member-joined', actor);
  roomEffect(ctx, 'invite', actor);
  return undefined;
}

/** A member leaves; mid-session this is the same as a removal. */
export function leave(ctx: Ctx, _cmd: CommandOf<'leave'>): Verdict {
  const { s, actor } = ctx;
  if (actor === s.presenter) {
    return reject('not-allowed', 'presenterCannotLeave', { presenter: role('presenter'), facilitator: role('facilitator', s.facilitator) });
  }
  if (actor === s.facilitator) return reject('not-allowed', 'facilitatorCloses', { facilitator: role('facilitator') });
  if (!s.members.includes(actor)) return reject('not-participant', 'notAMember');
  dropMember(ctx, actor, 'member-left');
  return undefined;
}

/** The facilitator removes a member; their inputs stay, and if it is their turn it moves on. */
export function remove(ctx: Ctx, cmd: CommandOf<'remove'>): Verdict {
  if (cmd.reason === 'deactivated') return removeDeactivated(ctx, cmd.member);
  const { s } = ctx;
  if (cmd.member === s.facilitator) return reject('invalid', 'cannotRemoveSelf');
  if (!s.members.includes(cmd.member)) return reject('invalid', 'notMemberOf', { member: person(cmd.member) });
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
  if (actor !== SYSTEM) return reject('not-allowed', 'slackOnly');
  if (!isParticipant(s, user)) return reject('invalid', 'notInSession', { user: person(user) });
  if (s.members.includes(user)) dropMember(ctx, user, 'member-removed');
  // A facilitator's turn in a round for everyone no longer waits for them either.
  const round = s.current?.round;
  if (user === s.facilitator && round?.order.includes(user) && round.marks[user] === undefined) {
    round.marks[user] = 'skipped';
    emitProgress(ctx);
  }
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
  if (ctx.s.agreed.includes(ctx.actor)) return reject('invalid', 'alreadyAgreed');
  confirmAgreement(ctx);
  return undefined;
}

/** Records the actor's agreement: the card shows it, and a private room lets them in. */
function confirmAgreement(ctx: Ctx): void {
  ctx.s.agreed.push(ctx.actor);
  emitProgress(ctx);
  roomEffect(ctx, 'invite', ctx.actor);
}

/** Before the start, the facilitator sets the members: newcomers are invited (by DM), the others taken off. */
export function setMembers(ctx: Ctx, cmd: CommandOf<'set-members'>): Verdict {
  const { s } = ctx;
  if (s.status !== 'open') return reject('already-started', 'membersFixed');
  const keepFacilitator = s.members.includes(s.facilitator);
  const wanted = [...new Set(cmd.members)].filter((u) => u !== s.presenter && u !== s.facilitator);
  if (wanted.length + (keepFacilitator ? 1 : 0) > MAX_MEMBERS) return reject('invalid', 'tooManyMembers', { max: MAX_MEMBERS, member: role('member') });
  const leaving = s.members.filter((m) => m !== s.facilitator && !wanted.includes(m));
  const coming = wanted.filter((u) => !s.members.includes(u));
  if (leaving.length === 0 && coming.length === 0) return reject('invalid', 'sameMembers', { member: role('member') });
  for (const user of leaving) {
    dropMember(ctx, user, 'member-removed');
    emit(ctx, { type: 'dm', user, message: 'taken-off' });
  }
  for (const user of coming) {
    s.members.push(user);
    emit(ctx, { type: 'dm', user, message: 'invitation' });
  }
  emit(ctx, { type: 'card' });
  return undefined;
}

/**
 * The participants who have not confirmed the agreement, when the facilitator
 * starts the session or moves past its agreement step: refused while the
 * presenter is among them or too few members are ready; otherwise they must
 * be named in `without` (the facilitator saw and confirmed the names), and
 * are taken off the session, each told by a direct message without content.
 */
export function takeOffUnagreed(ctx: Ctx, without: readonly UserId[], minMembers: number, step: 'start' | 'go-on'): Verdict {
  const { s } = ctx;
  const missing = participants(s).filter((user) => !s.agreed.includes(user));
  if (s.presenter !== undefined && missing.includes(s.presenter)) return reject('invalid', 'presenterNotAgreed', { presenter: role('presenter', s.presenter) });
  const ready = s.members.filter((member) => s.agreed.includes(member)).length;
  if (ready < minMembers) return reject('invalid', 'tooFewReady', { count: minMembers, ready, member: role('member') });
  if (missing.length === 0) return undefined;
  if (missing.some((user) => !without.includes(user))) {
    const people = { users: missing };
    return { ...reject('needs-confirmation', step === 'start' ? 'startWithout' : 'goOnWithout', { people, count: missing.length }), people: missing };
  }
  for (const user of missing) {
    dropMember(ctx, user, 'member-removed');
    emit(ctx, { type: 'dm', user, message: 'taken-off' });
  }
  return undefined;
}

/** Takes a member out; in an open round their turn counts as skipped, so the round does not wait for them. */
function dropMember(ctx: Ctx, user: UserId, notice: NoticeKind): void {
  const { s } = ctx;
  s.members = s.members.filter((member) => member !== user);
  const round = s.current?.round;
  if (round && round.order.includes(user) && round.marks[user] === undefined) round.marks[user] = 'skipped';
  // In a group's meeting, whoever goes takes their case and their vote with them.
  forgetInSelection(ctx, user);
  emitMembership(ctx, notice, user);
  if (isParticipant(s, user)) return; // a facilitator who was also a member stays the facilitator
  // Only people who agreed were let into a private room; whoever is out of the session is out of it too.
  if (s.agreed.includes(user)) roomEffect(ctx, 'kick', user);
  s.agreed = s.agreed.filter((agreed) => agreed !== user);
}

/** A private room follows the session's circle. */
function roomEffect(ctx: Ctx, action: 'invite' | 'kick', user: UserId): void {
  if (ctx.s.room) emit(ctx, { type: 'room', action, user });
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
