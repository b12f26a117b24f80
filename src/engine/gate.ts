import { named, reject } from './context';
import type { Format } from './formats/schema';
import { capitalized } from './formats/words';
import { isParticipant } from './queries';
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

/**
 * A seq ahead of the session's was never drawn from this session as it is
 * stored: the session was restored from an older copy, or the value was
 * made up. Nobody can say what the person saw, so a person's command with
 * one is turned down as stale, whatever it is, except the ways out.
 */
export const AHEAD_REASON = "This doesn't match the session as it is now. Please use the buttons in the thread again.";

/** What a person may always do whatever they saw: the facilitator closing (it only deletes) and anyone leaving. */
const WAYS_OUT: ReadonlySet<CommandKind> = new Set<CommandKind>(['close', 'leave']);

/** What only the facilitator may do, as the sentence's ending. */
const FACILITATOR_ONLY: Partial<Record<CommandKind, string>> = {
  start: 'start the session',
  'next-phase': 'move to the next phase',
  skip: 'skip a turn',
  remove: 'remove a member',
  'set-members': 'change who takes part',
  extend: 'give more time',
  'close-round': 'close a round early',
  pause: 'pause the session',
  resume: 'resume the session',
  close: 'close the session',
  hide: 'hide what someone wrote',
  'ask-clarification': 'ask someone to clarify what they wrote',
  'close-vote': 'close the vote',
  'pick-case': 'pick the case',
};

/** What only the presenter may do. */
const PRESENTER_ONLY: Partial<Record<CommandKind, string>> = {
  answer: 'answers the questions',
  'answer-pass': 'answers the questions',
  statement: 'completes this step',
  pick: "picks here; nobody can pick for them",
  'presenter-copy': 'chooses whether to receive a private copy',
};

/** Who may send this command at all; undefined when the actor may. */
function actorCheck(session: Session, command: Command, format: Format): Rejection | undefined {
  const { roles } = format;
  const { actor, kind } = command;
  if (kind === 'timer') return actor === SYSTEM ? undefined : reject('not-allowed', 'Only the scheduler fires timers.');
  if (actor === SYSTEM) return kind === 'close' ? undefined : reject('not-allowed', 'The system only closes sessions and fires timers.');
  const facilitatorVerb = FACILITATOR_ONLY[kind];
  if (facilitatorVerb && actor !== session.facilitator) {
    return reject('not-allowed', `Only ${named(roles.facilitator, session.facilitator)} can ${facilitatorVerb}.`);
  }
  const presenterVerb = PRESENTER_ONLY[kind];
  if (presenterVerb && actor !== session.presenter) {
    if (session.presenter === undefined) return reject('not-allowed', `Only ${roles.presenter.definite} ${presenterVerb}, once the group has chosen the case.`);
    return reject('not-allowed', `Only ${named(roles.presenter, session.presenter)} ${presenterVerb}.`);
  }
  if (kind !== 'join' && !isParticipant(session, actor)) {
    return session.status === 'open'
      ? reject('not-participant', 'This session is for its participants. Join it first.')
      : reject('not-participant', `This session is for its participants, and it has started: nobody new can join. Ask ${named(roles.facilitator, session.facilitator)} if you think you should be in it.`);
  }
  if (!WITHOUT_AGREEMENT.has(kind) && !session.agreed.includes(actor)) {
    return reject('not-agreed', 'Please read and confirm the confidentiality agreement first: nothing in this session is open to you before that.');
  }
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
export function gate(session: Session, command: Command, format: Format): Rejection | undefined {
  const { kind } = command;
  if (session.status === 'closing') return reject('closed', 'This session is closed.');
  // An account deactivated in Slack leaves the session whatever state it is in, and an abandoned session
  // closes whatever state it is in; their rules say how.
  if (isSystemRemoval(command) || isLimitCheck(command)) return undefined;
  if (session.status === 'paused' && !WHILE_PAUSED.has(kind)) {
    return reject('paused', `The session is paused. ${capitalized(named(format.roles.facilitator, session.facilitator))} can resume it.`);
  }
  const refused = actorCheck(session, command, format);
  if (refused) return refused;
  if (session.status === 'open' && !BEFORE_START.has(kind)) return reject('not-started', "The session hasn't started yet.");
  if (session.status === 'selecting' && !WHILE_SELECTING.has(kind)) return reject('not-started', 'The group is choosing whose case to take first.');
  if (session.status === 'ended' && !AFTER_END.has(kind)) {
    return reject('closed', `This session has ended. ${capitalized(format.roles.facilitator.definite)} can close it now.`);
  }
  if (command.seq > session.seq && command.actor !== SYSTEM && !WAYS_OUT.has(kind)) return reject('stale', AHEAD_REASON);
  if (SEQ_STRICT.has(kind) && command.seq !== session.seq) return reject('stale', 'This step has moved on.');
  return undefined;
}
