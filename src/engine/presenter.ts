import { currentPhaseOf, emitProgress, reject, type Ctx, type Verdict } from './context';
import type { ChoicePhase, Noun, RoundsPhase } from './formats/schema';
import { capitalized, OPTION } from './formats/words';
import { inputSpecOf, isOnCall, phaseById, pickCandidates } from './queries';
import type { Command, Input, Rejection } from './session';
import { ANSWER_MAX, cleanText, optionalText, REMARK_MAX } from './text';

/**
 * What only the presenter does: answer questions, give a statement (the
 * case, the key question), pick, and choose whether to get a private copy.
 */

type CommandOf<K extends Command['kind']> = Extract<Command, { kind: K }>;

const MOVED_ON = 'This step has moved on.';

/** The input the presenter answers (or passes on): one they can see, in the current answerable phase. */
function answerableInput(ctx: Ctx, inputId: string): { input: Input; phase: RoundsPhase } | Rejection {
  const { s } = ctx;
  const phase = currentPhaseOf(ctx);
  const input = s.inputs.find((candidate) => candidate.id === inputId);
  if (!input) return reject('invalid', 'That question no longer exists.');
  if (phase?.kind !== 'rounds' || !phase.answerable || input.phaseId !== phase.id) return reject('stale', MOVED_ON);
  const noun = inputSpecOf(s, ctx.format, phase).noun;
  if (input.hidden) return reject('invalid', `${capitalized(ctx.format.roles.facilitator.definite)} has taken ${noun.definite} off the board: it needs no answer.`);
  const round = s.current?.round;
  // Asynchronous inputs are revealed when their round closes; the presenter answers what they can see.
  if (s.settings.mode === 'async' && round && round.number === input.round) {
    return reject('invalid', `You'll see ${noun.definite} when its round closes.`);
  }
  return { input, phase };
}

/**
 * The presenter answers one input of the current answerable phase (a later
 * answer replaces an earlier one, or a pass). On a call they answer aloud
 * ("Answered"), a note optional: `text` is then the note, '' when none.
 */
export function answer(ctx: Ctx, cmd: CommandOf<'answer'>): Verdict {
  const found = answerableInput(ctx, cmd.inputId);
  if ('ok' in found) return found;
  if (isOnCall(ctx.s)) {
    const note = optionalText(cmd.text, ANSWER_MAX, 'Your note');
    if ('ok' in note) return note;
    found.input.answer = { text: note.text ?? '', at: ctx.now, spoken: true };
  } else {
    const cleaned = cleanText(cmd.text ?? '', ANSWER_MAX, 'Your answer');
    if ('ok' in cleaned) return cleaned;
    found.input.answer = { text: cleaned.text, at: ctx.now };
  }
  emitProgress(ctx);
  return undefined;
}

/**
 * The presenter passes on a question, where the phase allows it
 * (Agile-Intervision's focused questions): an answer without text, not
 * spoken. On a call too: "Pass on Q2" beside "Answered Q2". An answer may still follow.
 */
export function answerPass(ctx: Ctx, cmd: CommandOf<'answer-pass'>): Verdict {
  const found = answerableInput(ctx, cmd.inputId);
  if ('ok' in found) return found;
  if (!found.phase.answerPass) return reject('invalid', 'In this step every question gets a brief answer.');
  if (found.input.answer !== undefined) return reject('invalid', found.input.answer.text === undefined ? 'You have already passed on it.' : 'You have already answered it.');
  found.input.answer = { at: ctx.now };
  emitProgress(ctx);
  return undefined;
}

/** The presenter gives the statement of this phase (written, or told aloud and marked done). */
export function statement(ctx: Ctx, cmd: CommandOf<'statement'>): Verdict {
  const phase = currentPhaseOf(ctx);
  if (phase?.kind !== 'statement' || phase.id !== cmd.phaseId) return reject('stale', MOVED_ON);
  const cleaned = optionalText(cmd.text, phase.maxLength, 'Your text');
  if ('ok' in cleaned) return cleaned;
  if (cleaned.text === undefined && phase.text === 'required') {
    return reject('invalid', `This step needs it in writing: please use "${phase.textLabel}".`);
  }
  ctx.s.statements[phase.id] = cleaned.text === undefined ? { at: ctx.now } : { text: cleaned.text, at: ctx.now };
  emitProgress(ctx);
  return undefined;
}

/** What the presenter picks, in words: "tips", "observations", "methods". */
function pickNoun(ctx: Ctx, phase: ChoicePhase): Noun {
  const source = phaseById(ctx.format, phase.fromPhase);
  if (source?.kind === 'rounds') return inputSpecOf(ctx.s, ctx.format, source).noun;
  return phase.noun ?? OPTION;
}

/**
 * Which items a pick names, checked: each once, each available, as many as
 * the phase asks for; with picks in the presenter's own words (`named`, on a
 * call, where tips may have been said aloud), any number up to the maximum.
 */
function checkedItems(ctx: Ctx, phase: ChoicePhase, raw: readonly string[], named: boolean): { items: string[] } | Rejection {
  const candidates = pickCandidates(ctx.s, phase);
  const items = [...new Set(raw)];
  if (items.length !== raw.length) return reject('invalid', 'Please pick each item only once.');
  if (items.some((item) => !candidates.includes(item))) return reject('invalid', "That choice isn't available (any more).");
  if (!named && candidates.length === 0 && isOnCall(ctx.s)) {
    return reject('invalid', 'Nothing was noted to pick from: please write the ones that helped most in your own words.');
  }
  // With fewer candidates than the format's minimum, picking all of them is enough.
  const min = named ? 0 : Math.min(phase.min, candidates.length);
  const max = Math.min(phase.max, candidates.length);
  if (items.length < min || items.length > max) {
    const range = min === max ? `${min}` : `${min} to ${max}`;
    const noun = pickNoun(ctx, phase);
    return reject('invalid', `Please pick ${range} ${max === 1 ? noun.singular : noun.plural}.`);
  }
  return { items };
}

/** The presenter picks min..max items of an earlier phase's inputs or of the options (on a call: or names them in their own words). */
export function pick(ctx: Ctx, cmd: CommandOf<'pick'>): Verdict {
  const phase = currentPhaseOf(ctx);
  if (phase?.kind !== 'choice' || phase.id !== cmd.phaseId) return reject('stale', MOVED_ON);
  const named = optionalText(cmd.named, REMARK_MAX, 'What you wrote');
  if ('ok' in named) return named;
  if (named.text !== undefined && (!isOnCall(ctx.s) || phase.fromPhase === undefined)) {
    return reject('invalid', 'Please choose your picks from the list in this step.');
  }
  const checked = checkedItems(ctx, phase, cmd.items, named.text !== undefined);
  if ('ok' in checked) return checked;
  const remark = optionalText(cmd.remark, REMARK_MAX, 'Your remark');
  if ('ok' in remark) return remark;
  if (remark.text !== undefined && phase.remarkLabel === undefined) return reject('invalid', 'This step takes no remark.');
  ctx.s.picks[phase.id] = {
    items: checked.items,
    ...(remark.text !== undefined ? { remark: remark.text } : {}),
    ...(named.text !== undefined ? { named: named.text } : {}),
    at: ctx.now,
  };
  emitProgress(ctx);
  return undefined;
}

/** The presenter turns their private copy at close on or off. */
export function presenterCopy(ctx: Ctx, cmd: CommandOf<'presenter-copy'>): Verdict {
  ctx.s.settings.presenterCopy = cmd.on;
  // The toggle is drawn in the end phase's prompt, so the phase is redrawn with the card.
  emitProgress(ctx);
  return undefined;
}
