import { currentPhaseOf, emitProgress, inputWords, reject, role, type Ctx, type Verdict } from './context';
import type { ChoicePhase, RoundsPhase } from './formats/schema';
import { isOnCall, phaseById, pickCandidates } from './queries';
import type { Command, Input, Rejection } from './session';
import { ANSWER_MAX, cleanText, optionalText, REMARK_MAX } from './text';

/**
 * What only the presenter does: answer questions, give a statement (the
 * case, the key question), pick, and choose whether to get a private copy.
 */

type CommandOf<K extends Command['kind']> = Extract<Command, { kind: K }>;

/** The input the presenter answers (or passes on): one they can see, in the current answerable phase. */
function answerableInput(ctx: Ctx, inputId: string): { input: Input; phase: RoundsPhase } | Rejection {
  const { s } = ctx;
  const phase = currentPhaseOf(ctx);
  const input = s.inputs.find((candidate) => candidate.id === inputId);
  if (!input) return reject('invalid', 'questionGone');
  if (phase?.kind !== 'rounds' || !phase.answerable || input.phaseId !== phase.id) return reject('stale', 'movedOn');
  const noun = inputWords(s, ctx.format, phase);
  if (input.hidden) return reject('invalid', 'hiddenNoAnswer', { facilitator: role('facilitator'), input: noun });
  const round = s.current?.round;
  // Asynchronous inputs are revealed when their round closes; the presenter answers what they can see.
  if (s.settings.mode === 'async' && round && round.number === input.round) {
    return reject('invalid', 'seeWhenClosed', { input: noun });
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
    const note = optionalText(cmd.text, ANSWER_MAX, { own: 'note' });
    if ('ok' in note) return note;
    found.input.answer = { text: note.text ?? '', at: ctx.now, spoken: true };
  } else {
    const cleaned = cleanText(cmd.text ?? '', ANSWER_MAX, { own: 'answer' });
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
  if (!found.phase.answerPass) return reject('invalid', 'answerRequired');
  if (found.input.answer !== undefined) return reject('invalid', found.input.answer.text === undefined ? 'alreadyPassedOn' : 'alreadyAnswered');
  found.input.answer = { at: ctx.now };
  emitProgress(ctx);
  return undefined;
}

/** The presenter gives the statement of this phase (written, or told aloud and marked done). */
export function statement(ctx: Ctx, cmd: CommandOf<'statement'>): Verdict {
  const phase = currentPhaseOf(ctx);
  if (phase?.kind !== 'statement' || phase.id !== cmd.phaseId) return reject('stale', 'movedOn');
  const cleaned = optionalText(cmd.text, phase.maxLength, { own: 'text' });
  if ('ok' in cleaned) return cleaned;
  if (cleaned.text === undefined && phase.text === 'required') return reject('invalid', 'inWriting', { label: { textLabel: phase.id } });
  ctx.s.statements[phase.id] = cleaned.text === undefined ? { at: ctx.now } : { text: cleaned.text, at: ctx.now };
  emitProgress(ctx);
  return undefined;
}

/**
 * Which items a pick names, checked: each once, each available, as many as
 * the phase asks for; with picks in the presenter's own words (`named`, on a
 * call, where tips may have been said aloud), any number up to the maximum.
 */
function checkedItems(ctx: Ctx, phase: ChoicePhase, raw: readonly string[], named: boolean): { items: string[] } | Rejection {
  const candidates = pickCandidates(ctx.s, phase);
  const items = [...new Set(raw)];
  if (items.length !== raw.length) return reject('invalid', 'pickOnce');
  if (items.some((item) => !candidates.includes(item))) return reject('invalid', 'choiceUnavailable');
  if (!named && candidates.length === 0 && isOnCall(ctx.s)) return reject('invalid', 'nothingNoted');
  // With fewer candidates than the format's minimum, picking all of them is enough.
  const min = named ? 0 : Math.min(phase.min, candidates.length);
  const max = Math.min(phase.max, candidates.length);
  if (items.length < min || items.length > max) {
    // What is picked is called by the choice's words: the source phase's inputs, or its options' noun.
    const source = phaseById(ctx.format, phase.fromPhase);
    const noun = source?.kind === 'rounds' ? inputWords(ctx.s, ctx.format, source) : { pick: phase.id };
    return min === max ? reject('invalid', 'pickExactly', { count: max, noun }) : reject('invalid', 'pickBetween', { min, max, count: max, noun });
  }
  return { items };
}

/** The presenter picks min..max items of an earlier phase's inputs or of the options (on a call: or names them in their own words). */
export function pick(ctx: Ctx, cmd: CommandOf<'pick'>): Verdict {
  const phase = currentPhaseOf(ctx);
  if (phase?.kind !== 'choice' || phase.id !== cmd.phaseId) return reject('stale', 'movedOn');
  const named = optionalText(cmd.named, REMARK_MAX, { own: 'named' });
  if ('ok' in named) return named;
  if (named.text !== undefined && (!isOnCall(ctx.s) || phase.fromPhase === undefined)) return reject('invalid', 'fromList');
  const checked = checkedItems(ctx, phase, cmd.items, named.text !== undefined);
  if ('ok' in checked) return checked;
  const remark = optionalText(cmd.remark, REMARK_MAX, { own: 'remark' });
  if ('ok' in remark) return remark;
  if (remark.text !== undefined && phase.remarkLabel === undefined) return reject('invalid', 'noRemark');
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
