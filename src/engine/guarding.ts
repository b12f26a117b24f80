import { emit, emitProgress, rawMention, reject, type Ctx, type Verdict } from './context';
import type { Noun } from './formats/schema';
import { capitalized } from './formats/words';
import { inputSpecOf, phaseById, takesPart } from './queries';
import type { Command, Input, Rejection } from './session';
import { CLARIFICATION_MAX, cleanText } from './text';

/**
 * The facilitator guards the rules: an input that breaks the phase's rule
 * (advice dressed as a question or an observation) is taken off the board,
 * and its author is told why, privately; an input that needs it is clarified
 * by its author, once, when the facilitator asks (seed 001: the facilitator
 * "may need to ask some clarification questions"). Only the facilitator may
 * hide or ask (gate.ts); each may happen once per input.
 */

type CommandOf<K extends Command['kind']> = Extract<Command, { kind: K }>;

/** An input people can see now, with its noun; or why not. */
function visibleInput(ctx: Ctx, inputId: string): { input: Input; noun: Noun } | Rejection {
  const { s } = ctx;
  const input = s.inputs.find((candidate) => candidate.id === inputId);
  const phase = input && phaseById(ctx.format, input.phaseId);
  if (!input || phase?.kind !== 'rounds') return reject('invalid', 'That input no longer exists.');
  const noun = inputSpecOf(s, ctx.format, phase).noun;
  if (input.hidden) return reject('invalid', `${capitalized(noun.definite)} is already off the board.`);
  const round = s.current?.round;
  // What an asynchronous round holds is shown when it closes: nobody acts on what they cannot see yet.
  if (s.settings.mode === 'async' && s.current?.id === input.phaseId && round?.number === input.round) {
    return reject('invalid', `You'll see ${noun.definite} when its round closes.`);
  }
  return { input, noun };
}

/** The board and the step it belongs to are drawn again, and the card with the new seq. */
function redraw(ctx: Ctx, input: Input): void {
  emit(ctx, { type: 'phase', phaseId: input.phaseId });
  emitProgress(ctx);
}

/** The facilitator takes an input off the board, for one of the format's reasons; its author is told privately (by the shell). */
export function hide(ctx: Ctx, cmd: CommandOf<'hide'>): Verdict {
  const found = visibleInput(ctx, cmd.inputId);
  if ('ok' in found) return found;
  const { input, noun } = found;
  if (Object.values(ctx.s.picks).some((pick) => pick.items.includes(input.id))) {
    return reject('invalid', `${capitalized(ctx.format.roles.presenter.definite)} has already picked ${noun.definite}, so it stays.`);
  }
  if (!ctx.format.hideReasons.some((reason) => reason.id === cmd.reason)) return reject('invalid', 'Please choose one of the reasons offered.');
  input.hidden = { at: ctx.now, reason: cmd.reason };
  redraw(ctx, input);
  return undefined;
}

/** The facilitator asks an input's author to clarify it; the author gets a form for one clarification. */
export function askClarification(ctx: Ctx, cmd: CommandOf<'ask-clarification'>): Verdict {
  const found = visibleInput(ctx, cmd.inputId);
  if ('ok' in found) return found;
  const { input, noun } = found;
  if (input.author === ctx.actor) return reject('invalid', 'You wrote it yourself: there is nobody to ask.');
  if (!takesPart(ctx.s, input.author)) return reject('invalid', `${rawMention(input.author)} no longer takes part in this session.`);
  if (input.clarification) return reject('invalid', `You have already asked for a clarification of ${noun.definite}.`);
  input.clarification = { askedAt: ctx.now };
  redraw(ctx, input);
  return undefined;
}

/** The author adds their one clarification, shown under their input. */
export function clarify(ctx: Ctx, cmd: CommandOf<'clarify'>): Verdict {
  const input = ctx.s.inputs.find((candidate) => candidate.id === cmd.inputId);
  if (!input) return reject('invalid', 'That input no longer exists.');
  if (input.author !== ctx.actor) return reject('not-allowed', 'Only the one who wrote it can clarify it.');
  if (input.hidden) return reject('invalid', `${capitalized(ctx.format.roles.facilitator.definite)} has taken it off the board; it needs no clarification.`);
  const asked = input.clarification;
  if (!asked) return reject('invalid', 'Nobody has asked for a clarification of it.');
  if (asked.text !== undefined) return reject('invalid', 'You have already added your clarification.');
  const cleaned = cleanText(cmd.text, CLARIFICATION_MAX, 'Your clarification');
  if ('ok' in cleaned) return cleaned;
  input.clarification = { ...asked, text: cleaned.text, at: ctx.now };
  redraw(ctx, input);
  return undefined;
}
