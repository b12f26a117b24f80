import { emit, emitProgress, reject, type Ctx, type Verdict } from './context';
import { turnHolder } from './queries';
import type { Command, Session, UserId } from './session';

/**
 * Telling a person that their live turn has begun. decide() compares whose
 * turn it was before the command with whose turn it is after settle(), so a
 * turn that begins by any cause (a pass, an input, a skip, a removal, a new
 * round, a new phase, a resume after a pause) is announced by one rule, once.
 *
 * No nudge for passes in a row: someone whose previous turn in this phase
 * was a pass is not nudged when the turn comes back to them in the next
 * round. They have just said they have nothing more for now, the prompt
 * shows it is their turn, and a round of passes that ends a phase then goes
 * by quietly (in it, only those who gave an input last time are nudged, once
 * each). Nor is the person who just acted nudged (they are looking).
 */

type CommandOf<K extends Command['kind']> = Extract<Command, { kind: K }>;

/** Whose live turn it is: in which phase and round, and who. */
export interface TurnAt {
  phaseId: string;
  round: number;
  user: UserId;
}

/** The live turn as the session stands, or undefined when nobody holds one (asynchronous, no open round, not running). */
export function turnAt(session: Session): TurnAt | undefined {
  const user = turnHolder(session);
  const current = session.current;
  if (session.status !== 'running' || user === undefined || !current?.round) return undefined;
  return { phaseId: current.id, round: current.round.number, user };
}

/** Whether `turn`'s holder passed on their previous turn in the same phase (the round just before). */
function passedLastTime(session: Session, turn: TurnAt): boolean {
  const previous = session.roundLog?.[turn.phaseId]?.find((closed) => closed.number === turn.round - 1);
  return previous?.pass?.includes(turn.user) ?? false;
}

/** After a command: when a new turn has begun, its holder is told (see above for who is not). */
export function nudgeNewTurn(ctx: Ctx, before: TurnAt | undefined): void {
  const turn = turnAt(ctx.s);
  if (!turn || turn.user === ctx.actor) return;
  if (before && before.phaseId === turn.phaseId && before.round === turn.round && before.user === turn.user) return;
  if (passedLastTime(ctx.s, turn)) return;
  emit(ctx, { type: 'dm', user: turn.user, message: 'your-turn', phaseId: turn.phaseId, round: turn.round });
}

/** A participant chooses how they hear that their turn has begun: a note in the thread, or a direct message. */
export function setNudges(ctx: Ctx, cmd: CommandOf<'nudges'>): Verdict {
  const { s, actor } = ctx;
  const byDm = s.nudgeByDm ?? [];
  if (byDm.includes(actor) === (cmd.via === 'dm')) {
    return reject('invalid', cmd.via === 'dm' ? 'alreadyByDm' : 'alreadyInThread');
  }
  s.nudgeByDm = cmd.via === 'dm' ? [...byDm, actor] : byDm.filter((user) => user !== actor);
  // Nothing shows the choice, but the seq moves: buttons drawn at the old one (Next phase) are drawn again.
  emitProgress(ctx);
  return undefined;
}
