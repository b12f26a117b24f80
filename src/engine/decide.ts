/**
 * decide(session, command, now): the rules of intervision in one pure step.
 *
 * Order of judgement:
 * 1. Idempotency: a command whose id is in `session.recent` was applied
 *    before: { ok, duplicate: true }, the session unchanged, no effects.
 * 2. The gate (gate.ts): status (closing, paused, open, ended), who may send
 *    it (a participant, and one who confirmed the confidentiality agreement),
 *    and the seq.
 * 3. The rule of the command, on a private copy of the session (decideOwned:
 *    on the session itself, for a caller that hands it over).
 * 4. settle(): complete rounds close and complete phases end; then whoever
 *    has a new live turn is told (turns.ts).
 * 5. Book-keeping: seq + 1, updatedAt (not for timers: they are not
 *    activity), the id remembered (last 64).
 *
 * Seq. Every button and modal carries the seq it was drawn at.
 * - Turned down as stale when a person's seq is ahead of the session's: it
 *   was never drawn from the session as stored (gate.ts). Only the ways out,
 *   close and leave, are taken whatever the person saw.
 * - Turned down as stale when the seq no longer matches, because their meaning
 *   depends on the exact state the person saw: start, next-phase, skip,
 *   close-round, extend, pause, resume, pick.
 * - Judged by the current state instead, because they stay meaningful and safe
 *   when they arrive late: join, leave, agree, input and pass (they carry
 *   phaseId + round and are checked against the open round and the turn),
 *   edit, withdraw, answer, answer-pass, statement (phaseId checked), evaluate,
 *   hide, ask-clarification and clarify (they name the input), remove,
 *   set-members (before the start only),
 *   presenter-copy, nudges, close, and timer (checked by phaseId / round / due time);
 *   in a group's meeting, vote, pick-case, propose-case, withdraw-case and
 *   release-case (they name the case; close-vote is strict, as the tally the
 *   facilitator saw is what they close);
 *   an old seq is fine for them, one ahead is not (but for close and leave).
 */
import { type Ctx, type Verdict, uniqueEffects } from './context';
import { copyData } from './copy';
import { evaluate } from './evaluation';
import { close, extend, nextPhase, pause, resume, start } from './facilitator';
import { formats, type FormatRegistry } from './formats';
import { gate } from './gate';
import { phaseIndexIn } from './queries';
import { agree, join, leave, remove, setMembers } from './membership';
import { settle } from './phases';
import { askClarification, clarify, hide } from './guarding';
import { answer, answerPass, pick, presenterCopy, statement } from './presenter';
import { closeVote, pickCase, proposeCase, releaseCase, vote, withdrawCase } from './selection';
import { closeRoundEarly, edit, giveInput, pass, skip, withdraw } from './rounds';
import type { Command, CommandKind, Outcome, Session } from './session';
import { onTimer } from './timer-commands';
import { nudgeNewTurn, setNudges, turnAt } from './turns';

/** How many command ids a session remembers for idempotency. */
export const RECENT_LIMIT = 64;

type CommandOf<K extends Command['kind']> = Extract<Command, { kind: K }>;

/** The rule of each command, in the module that owns it. */
const RULES: { [K in CommandKind]: (ctx: Ctx, command: CommandOf<K>) => Verdict } = {
  join,
  leave,
  agree,
  remove,
  'set-members': setMembers,
  nudges: setNudges,
  start,
  'next-phase': nextPhase,
  extend,
  pause,
  resume,
  close,
  input: giveInput,
  pass,
  edit,
  withdraw,
  skip,
  'close-round': closeRoundEarly,
  answer,
  'answer-pass': answerPass,
  hide,
  'ask-clarification': askClarification,
  clarify,
  statement,
  pick,
  'presenter-copy': presenterCopy,
  evaluate,
  vote,
  'close-vote': closeVote,
  'pick-case': pickCase,
  'propose-case': proposeCase,
  'withdraw-case': withdrawCase,
  'release-case': releaseCase,
  timer: onTimer,
};

/** Hands the command to the module that owns its rule. */
function apply(ctx: Ctx, command: Command): Verdict {
  const rule = RULES[command.kind] as (ctx: Ctx, command: Command) => Verdict;
  return rule(ctx, command);
}

/** Applies one command to a session: the next session and the effects for the shell, or why not. Pure. */
export function decide(session: Session, command: Command, now: number, registry: FormatRegistry = formats): Outcome {
  return decideWith(session, command, now, registry, copyData);
}

/**
 * decide() for a caller that hands the session over and never looks at it
 * again, such as the dispatcher with a session it has just loaded: the rules
 * change it in place instead of on a copy (a copy of a full session is a
 * tenth of a transition's work). On acceptance the result is that same
 * object; on a rejection it may be half-changed, so it must be dropped.
 */
export function decideOwned(session: Session, command: Command, now: number, registry: FormatRegistry = formats): Outcome {
  return decideWith(session, command, now, registry, (owned) => owned);
}

function decideWith(session: Session, command: Command, now: number, registry: FormatRegistry, draftOf: (session: Session) => Session): Outcome {
  if (session.recent.includes(command.id)) return { ok: true, duplicate: true, session, effects: [] };
  const format = registry.require(session.formatId);
  const refused = gate(session, command);
  if (refused) return refused;
  // Read before the rules run: with decideOwned the draft is the session itself.
  const { seq, recent } = session;
  const turnBefore = turnAt(session);
  const ctx: Ctx = { s: draftOf(session), format, now, actor: command.actor, effects: [] };
  // A session stored before its format gained a phase: its phase is found by id (queries.phaseIndexIn).
  ctx.s.phaseIndex = phaseIndexIn(ctx.s, format);
  const verdict = apply(ctx, command);
  if (verdict) return verdict;
  settle(ctx);
  nudgeNewTurn(ctx, turnBefore);
  const next = ctx.s;
  next.seq = seq + 1;
  // A timer is not activity: counting it would keep an abandoned session alive by its own idle checks.
  if (command.kind !== 'timer') next.updatedAt = now;
  next.recent = [...recent, command.id].slice(-RECENT_LIMIT);
  return { ok: true, duplicate: false, session: next, effects: uniqueEffects(ctx.effects) };
}
