import { emit, emitProgress, inputWords, person, reject, role, type Ctx, type Verdict } from './context';
import { phaseById, takesPart } from './queries';
import type { InputRef } from './rejection';
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
function visibleInput(ctx: Ctx, inputId: string): { input: Input; noun: InputRef } | Rejection {
  const { s } = ctx;
  const input = s.inputs.find((candidate) => candidate.id === inputId);
  const phase = input && phaseById(ctx.format, input.phaseId);
  if (!input || phase?.kind !== 'rounds') return reject('invalid', 'inputGone');
  const noun = inputWords(s, ctx.format, phase);
  if (input.hidden) return reject('invalid', 'alreadyHidden', { input: noun });
  const round = s.current?.round;
  // What an asynchronous round holds is shown when it closes: nobody acts on what they cannot see yet.
  if (s.settings.mode === 'async' && s.current?.id === input.phaseId && round?.number === input.round) {
    return reject('invalid', 'seeWhenClosed', { input: noun });
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
    return reject('invalid', 'alreadyPicked', { presenter: role('presenter'), input: noun });
  }
  if (!ctx.format.hideReasons.some((reason) => reason.id === cmd.reason)) return reject('invalid', 'chooseReason');
  input.hidden = { at: ctx.now, reason: cmd.reason };
  redraw(ctx, input);
  return undefined;
}

/** The facilitator asks an input's author to clarify it; the author gets a form for one clarification. */
export function askClarification(ctx: Ctx, cmd: CommandOf<'ask-clarification'>): Verdict {
  const found = visibleInput(ctx, cmd.inputId);
  if ('ok' in found) return found;
  const { input, noun } = found;
  if (input.author === ctx.actor) return reject('invalid', 'ownInput');
  if (!takesPart(ctx.s, input.author)) return reject('invalid', 'noLongerTakesPart', { user: person(input.author) });
  if (input.clarification) return reject('invalid', 'alreadyAsked', { input: noun });
  input.clarification = { askedAt: ctx.now };
  redraw(ctx, input);
  return undefined;
}

/** The author adds their one clarification, shown under their input. */
export function clarify(ctx: Ctx, cmd: CommandOf<'clarify'>): Verdict {
  const input = ctx.s.inputs.find((candidate) => candidate.id === cmd.inputId);
  if (!input) return reject('invalid', 'inputGone');
  if (input.author !== ctx.actor) return reject('not-allowed', 'clarifyOwn');
  if (input.hidden) return reject('invalid', 'hiddenNoClarify', { facilitator: role('facilitator') });
  const asked = input.clarification;
  if (!asked) return reject('invalid', 'notAsked');
  if (asked.text !== undefined) return reject('invalid', 'alreadyClarified');
  const cleaned = cleanText(cmd.text, CLARIFICATION_MAX, { own: 'clarification' });
  if ('ok' in cleaned) return cleaned;
  input.clarification = { ...asked, text: cleaned.text, at: ctx.now };
  redraw(ctx, input);
  return undefined;
}
