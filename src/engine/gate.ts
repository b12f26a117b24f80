import { reject, role } from './context';
import { isParticipant } from './queries';
import type { FacilitatorAction, PresenterAction } from './rejection';
import { SYSTEM, type Command, type CommandKind, type Rejection, type Session } from './session';

/**
 * Checks every command passes before its rule runs: the session's status,
 * who may send it, and whether its seq still matches. Only the rules that
 * need the phase's details are left to the handlers.
 */

/** Commands whose meaning depends on the exact state the person saw: a seq that moved on turns them down. */
export const SEQ_STRICT: ReadonlySet<CommandKind> = new Set<CommandKind>([
  'start',
  'next-phase',
  'skip',
  'close-round',
  'extend',
  'pause',
  'resume',
  'pick',
  'close-vote',
]);

const WHILE_PAUSED: ReadonlySet<CommandKind> = new Set<CommandKind>(['resume', 'close', 'join', 'leave', 'agree', 'nudges', 'release-case']);
/** While a group's meeting chooses its case (selection.ts). */
const WHILE_SELECTING: ReadonlySet<CommandKind> = new Set<CommandKind>([
  'vote',
  'close-vote',
  'pick-case',
  'propose-case',
  'withdraw-case',
  'leave',
  'remove',
  'close',
  'nudges',
]);
const BEFORE_START: ReadonlySet<CommandKind> = new Set<CommandKind>(['join', 'leave', 'agree', 'start', 'remove', 'set-members', 'presenter-copy', 'close', 'resume', 'nudges']);
/**
 * What a participant may do before confirming the confidentiality agreement:
 * confirm it, step out, or (the facilitator) close the session, which only
 * deletes. Everything else reads or changes the session's content.
 */
const WITHOUT_AGREEMENT: ReadonlySet<CommandKind> = new Set<CommandKind>(['join', 'agree', 'leave', 'close']);
const AFTER_END: ReadonlySet<CommandKind> = new Set<CommandKind>(['close', 'presenter-copy', 'start', 'nudges', 'release-case']);

/*
 * A seq ahead of the session's was never drawn from this session as it is
 * stored: the session was restored from an older copy, or the value was
 * made up. Nobody can say what the person saw, so a person's command with
 * one is turned down as stale ('outOfDate'), whatever it is, except the ways out.
 */

/** What a person may always do whatever they saw: the facilitator closing (it only deletes) and anyone leaving. */
const WAYS_OUT: ReadonlySet<CommandKind> = new Set<CommandKind>(['close', 'leave']);

/** What only the facilitator may do, by command: the refusal's sentence says which. */
const FACILITATOR_ONLY: Partial<Record<CommandKind, FacilitatorAction>> = {
  start: 'start',
  'next-phase': 'nextPhase',
  skip: 'skip',
  remove: 'remove',
  'set-members': 'setMembers',
  extend: 'extend',
  'close-round': 'closeRound',
  pause: 'pause',
  resume: 'resume',
  close: 'close',
  hide: 'hide',
  'ask-clarification': 'askClarification',
  'close-vote': 'closeVote',
  'pick-case': 'pickCase',
};

/** What only the presenter may do. */
const PRESENTER_ONLY: Partial<Record<CommandKind, PresenterAction>> = {
  answer: 'answer',
  'answer-pass': 'answer',
  statement: 'statement',
  pick: 'pick',
  'presenter-copy': 'presenterCopy',
};

/** Who may send this command at all; undefined when the actor may. */
function actorCheck(session: Session, command: Command): Rejection | undefined {
  const { actor, kind } = command;
  if (kind === 'timer') return actor === SYSTEM ? undefined : reject('not-allowed', 'schedulerOnly');
  if (actor === SYSTEM) return kind === 'close' ? undefined : reject('not-allowed', 'systemOnly');
  const facilitatorAction = FACILITATOR_ONLY[kind];
  if (facilitatorAction && actor !== session.facilitator) {
    return reject('not-allowed', `onlyFacilitator.${facilitatorAction}`, { facilitator: role('facilitator', session.facilitator) });
  }
  const presenterAction = PRESENTER_ONLY[kind];
  if (presenterAction && actor !== session.presenter) {
    if (session.presenter === undefined) return reject('not-allowed', 'presenterNotChosen', { presenter: role('presenter') });
    return reject('not-allowed', `onlyPresenter.${presenterAction}`, { presenter: role('presenter', session.presenter) });
  }
  if (kind !== 'join' && !isParticipant(session, actor)) {
    return session.status === 'open'
      ? reject('not-participant', 'joinFirst')
      : reject('not-participant', 'participantsOnly', { facilitator: role('facilitator', session.facilitator) });
  }
  if (!WITHOUT_AGREEMENT.has(kind) && !session.agreed.includes(actor)) return reject('not-agreed', 'agreeFirst');
  return undefined;
}

/** The system's removal of a person whose Slack account was deactivated. */
function isSystemRemoval(command: Command): boolean {
  return command.actor === SYSTEM && command.kind === 'remove' && command.reason === 'deactivated';
}

/** The system's idle or max-age check: like the system's close, it holds before the start, while paused and after the end. */
function isLimitCheck(command: Command): boolean {
  return command.actor === SYSTEM && command.kind === 'timer' && command.timer.kind === 'idle';
}

/** The checks common to all commands; undefined when the command may go on to its rule. */
export function gate(session: Session, command: Command): Rejection | undefined {
  const { kind } = command;
  if (session.status === 'closing') return reject('closed', 'closed');
  // An account deactivated in Slack leaves the session whatever state it is in, and an abandoned session
  // closes whatever state it is in; their rules say how.
  if (isSystemRemoval(command) || isLimitCheck(command)) return undefined;
  if (session.status === 'paused' && !WHILE_PAUSED.has(kind)) {
    return reject('paused', 'paused', { facilitator: role('facilitator', session.facilitator) });
  }
  const refused = actorCheck(session, command);
  if (refused) return refused;
  if (session.status === 'open' && !BEFORE_START.has(kind)) return reject('not-started', 'notStarted');
  if (session.status === 'selecting' && !WHILE_SELECTING.has(kind)) return reject('not-started', 'choosingCase');
  if (session.status === 'ended' && !AFTER_END.has(kind)) return reject('closed', 'ended', { facilitator: role('facilitator') });
  if (command.seq > session.seq && command.actor !== SYSTEM && !WAYS_OUT.has(kind)) return reject('stale', 'outOfDate');
  if (SEQ_STRICT.has(kind) && command.seq !== session.seq) return reject('stale', 'movedOn');
  return undefined;
}
