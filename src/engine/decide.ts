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
 *   edit, withdraw, answer, statement (phaseId checked), evaluate, remove,
 *   set-members (before the start only),
 *   presenter-copy, nudges, close, and timer (checked by phaseId / round / due time);
 *   an old seq is fine for them, one ahead is not (but for close and leave).
 */
import { type Ctx, type Verdict, uniqueEffects } from './context';
import { copyData } from './copy';
import { evaluate } from './evaluation';
import { close, extend, nextPhase, pause, resume, start } from './facilitator';
import { formats, type FormatRegistry } from './formats';
import { gate } from './gate';
import { agree, join, leave, remove, setMembers } from './membership';
import { settle } from './phases';
import { answer, pick, presenterCopy, statement } from './presenter';
import { closeRoundEarly, edit, giveInput, pass, skip, withdraw } from './rounds';
import type { Command, Outcome, Session } from './session';
import { onTimer } from './timer-commands';
import { nudgeNewTurn, setNudges, turnAt } from './turns';

/** How many command ids a session remembers for idempotency. */
export const RECENT_LIMIT = 64;

/** The commands about the circle and the session as a whole. */
type CircleCommand = Extract<Command, { kind: 'join' | 'leave' | 'agree' | 'remove' | 'set-members' | 'nudges' | 'start' | 'next-phase' | 'extend' | 'pause' | 'resume' | 'close' }>;

/** Hands the command to the module that owns its rule. */
function apply(ctx: Ctx, command: Command): Verdict {
  switch (command.kind) {
    case 'join':
    case 'leave':
    case 'agree':
    case 'remove':
    case 'set-members':
    case 'nudges':
    case 'start':
    case 'next-phase':
    case 'extend':
    case 'pause':
    case 'resume':
    case 'close':
      return applyToCircle(ctx, command);
    case 'input':
      return giveInput(ctx, command);
    case 'pass':
      return pass(ctx, command);
    case 'edit':
      return edit(ctx, command);
    case 'withdraw':
      return withdraw(ctx, command);
    case 'skip':
      return skip(ctx, command);
    case 'close-round':
      return closeRoundEarly(ctx, command);
    case 'answer':
      return answer(ctx, command);
    case 'statement':
      return statement(ctx, command);
    case 'pick':
      return pick(ctx, command);
    case 'presenter-copy':
      return presenterCopy(ctx, command);
    case 'evaluate':
      return evaluate(ctx, command);
    case 'timer':
      return onTimer(ctx, command);
  }
}

/** Who is in the session and how it runs as a whole: membership.ts, turns.ts (how turns are announced), facilitator.ts. */
function applyToCircle(ctx: Ctx, command: CircleCommand): Verdict {
  switch (command.kind) {
    case 'join':
      return join(ctx, command);
    case 'leave':
      return leave(ctx, command);
    case 'agree':
      return agree(ctx, command);
    case 'remove':
      return remove(ctx, command);
    case 'set-members':
      return setMembers(ctx, command);
    case 'nudges':
      return setNudges(ctx, command);
    case 'start':
      return start(ctx, command);
    case 'next-phase':
      return nextPhase(ctx, command);
    case 'extend':
      return extend(ctx, command);
    case 'pause':
      return pause(ctx, command);
    case 'resume':
      return resume(ctx, command);
    case 'close':
      return close(ctx, command);
  }
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
  const refused = gate(session, command);
  if (refused) return refused;
  // Read before the rules run: with decideOwned the draft is the session itself.
  const { seq, recent } = session;
  const turnBefore = turnAt(session);
  const ctx: Ctx = {
    s: draftOf(session),
    format: registry.require(session.formatId),
    now,
    actor: command.actor,
    effects: [],
  };
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
