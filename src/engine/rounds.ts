import { currentPhaseOf, emitProgress, inputWords, person, reject, role, type Ctx, type Verdict } from './context';
import type { RoundsPhase } from './formats/schema';
import { inputSpecOf, isOnCall, pendingInRound, turnHolder } from './queries';
import { closeRound } from './round-state';
import type { Command, Input, RoundState, Rejection } from './session';
import { cleanText, optionalText } from './text';

/**
 * What members do in rounds (an input, "I pass", changing or withdrawing
 * their own input) and what the facilitator does to a round (skip a turn,
 * close it early). Rounds end by settle() in phases.ts.
 */

type CommandOf<K extends Command['kind']> = Extract<Command, { kind: K }>;

/** The open round of the named phase, or a stale rejection when the session has moved past it. */
function openRoundOf(ctx: Ctx, phaseId: string, number: number): { phase: RoundsPhase; round: RoundState } | Rejection {
  const phase = currentPhaseOf(ctx);
  const round = ctx.s.current?.round;
  if (phase?.kind !== 'rounds' || phase.id !== phaseId || !round || round.number !== number) {
    return reject('stale', 'movedOn');
  }
  return { phase, round };
}

/** Whether the actor may take a turn in this round now; undefined when they may. */
function turnCheck(ctx: Ctx, phase: RoundsPhase, round: RoundState): Verdict {
  const { s, actor } = ctx;
  const inputs = inputWords(s, ctx.format, phase);
  if (actor === s.presenter && phase.actor === 'members') {
    return reject('not-allowed', 'presenterListens', { presenter: role('presenter'), member: role('member'), inputs });
  }
  if (!round.order.includes(actor)) {
    if (actor === s.facilitator && !s.members.includes(actor)) {
      return reject('not-allowed', 'facilitatorGuides', { facilitator: role('facilitator'), member: role('member'), inputs });
    }
    return reject('not-your-turn', 'joinedDuringRound');
  }
  if (round.marks[actor] !== undefined) return reject('not-your-turn', 'hadTurn');
  if (s.settings.mode === 'live') {
    const holder = turnHolder(s);
    if (holder !== actor) return holder ? reject('not-your-turn', 'othersTurn', { holder: person(holder) }) : reject('not-your-turn', 'movedOn');
  }
  return undefined;
}

/**
 * An input's text, trimmed and within the phase's limit. Written, it must say
 * something; on a call the input is said aloud and its note may stay empty ('').
 */
function inputText(ctx: Ctx, phase: RoundsPhase, raw: string | undefined): { text: string } | Rejection {
  const spec = inputSpecOf(ctx.s, ctx.format, phase);
  if (!isOnCall(ctx.s)) return cleanText(raw ?? '', spec.maxLength, inputWords(ctx.s, ctx.format, phase));
  const note = optionalText(raw, spec.maxLength, { own: 'note' });
  return 'ok' in note ? note : { text: note.text ?? '' };
}

/** A member gives an input (a question, compliment, tip, observation) in their turn; on a call, "Done" after saying it aloud. */
export function giveInput(ctx: Ctx, cmd: CommandOf<'input'>): Verdict {
  const found = openRoundOf(ctx, cmd.phaseId, cmd.round);
  if ('ok' in found) return found;
  const { phase, round } = found;
  const refused = turnCheck(ctx, phase, round);
  if (refused) return refused;
  const s = ctx.s;
  const cleaned = inputText(ctx, phase, cmd.text);
  if ('ok' in cleaned) return cleaned;
  const input: Input = { id: `i${s.nextInputNo}`, phaseId: phase.id, round: round.number, author: ctx.actor, text: cleaned.text, at: ctx.now };
  if (isOnCall(s)) input.spoken = true;
  s.nextInputNo += 1;
  s.inputs.push(input);
  round.marks[ctx.actor] = 'input';
  emitProgress(ctx);
  return undefined;
}

/** A member says "I pass" for this round (they are asked again in the next one). */
export function pass(ctx: Ctx, cmd: CommandOf<'pass'>): Verdict {
  const found = openRoundOf(ctx, cmd.phaseId, cmd.round);
  if ('ok' in found) return found;
  const refused = turnCheck(ctx, found.phase, found.round);
  if (refused) return refused;
  found.round.marks[ctx.actor] = 'pass';
  emitProgress(ctx);
  return undefined;
}

/** The author's own input, while its round is still open. */
function ownOpenInput(ctx: Ctx, inputId: string): { input: Input; index: number; round: RoundState } | Rejection {
  const index = ctx.s.inputs.findIndex((input) => input.id === inputId);
  const input = ctx.s.inputs[index];
  if (!input) return reject('invalid', 'inputGone');
  if (input.author !== ctx.actor) return reject('not-allowed', 'authorOnly');
  if (input.hidden) return reject('invalid', 'hiddenNoChange', { facilitator: role('facilitator') });
  const round = ctx.s.current?.round;
  if (ctx.s.current?.id !== input.phaseId || !round || round.number !== input.round) {
    return reject('stale', 'roundClosed');
  }
  return { input, index, round };
}

/** The author rewrites their input (on a call: its note) before its round closes. */
export function edit(ctx: Ctx, cmd: CommandOf<'edit'>): Verdict {
  const found = ownOpenInput(ctx, cmd.inputId);
  if ('ok' in found) return found;
  const phase = currentPhaseOf(ctx);
  if (phase?.kind !== 'rounds') return reject('stale', 'movedOn');
  const cleaned = inputText(ctx, phase, cmd.text);
  if ('ok' in cleaned) return cleaned;
  found.input.text = cleaned.text;
  found.input.editedAt = ctx.now;
  emitProgress(ctx);
  return undefined;
}

/** The author takes their input back before its round closes: it is gone, and counts as a pass. */
export function withdraw(ctx: Ctx, cmd: CommandOf<'withdraw'>): Verdict {
  const found = ownOpenInput(ctx, cmd.inputId);
  if ('ok' in found) return found;
  // Asked to clarify it, the author answers the question; the input stays, so the question keeps what it asks about.
  if (found.input.clarification) return reject('invalid', 'clarifyingNoWithdraw', { facilitator: role('facilitator') });
  ctx.s.inputs.splice(found.index, 1);
  found.round.marks[ctx.actor] = 'pass';
  emitProgress(ctx);
  return undefined;
}

/** The facilitator skips a member's turn (live: the turn holder; async: anyone who has not answered). */
export function skip(ctx: Ctx, cmd: CommandOf<'skip'>): Verdict {
  const found = openRoundOf(ctx, cmd.phaseId, cmd.round);
  if ('ok' in found) return found;
  const { round } = found;
  const s = ctx.s;
  if (s.settings.mode === 'live') {
    if (turnHolder(s) !== cmd.member) return reject('stale', 'noLongerTurn', { member: person(cmd.member) });
  } else if (!pendingInRound(s, round).includes(cmd.member)) {
    return reject('invalid', 'noTurnWaiting', { member: person(cmd.member) });
  }
  round.marks[cmd.member] = 'skipped';
  emitProgress(ctx);
  return undefined;
}

/** The facilitator closes the round early: whoever had no turn is marked skipped. */
export function closeRoundEarly(ctx: Ctx, cmd: CommandOf<'close-round'>): Verdict {
  const found = openRoundOf(ctx, cmd.phaseId, cmd.round);
  if ('ok' in found) return found;
  closeRound(ctx, found.phase, 'skipped');
  return undefined;
}
