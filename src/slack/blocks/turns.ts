import type { Format, RoundsPhase } from '../../engine/formats/schema';
import { inputSpecOf, isOnCall, presenterOf } from '../../engine/queries';
import type { Input, Session } from '../../engine/session';
import { escapeBounded, escapeText, mention } from '../escape';
import { ACTIONS, encodeAction } from '../ids';
import { type Button, button } from './kit';
import { forRole, trOf, type Translator } from './words';

/**
 * What a turn looks like, written or on a call, wherever it is drawn (the
 * step's prompt, the round board, a direct message): the turn's buttons, and
 * how an input or an answer said aloud reads. On a call the group talks: a
 * turn ends with "Done" (said it aloud; a note optional) or "I pass", and the
 * presenter answers aloud ("Answered"), or passes on a question where the
 * phase allows it. The words of these surfaces are here; the roles and the
 * inputs they name are the format's own (`role`, the input's label).
 */

/**
 * The buttons of a turn in an open round (`seq`: the seq the value carries;
 * the engine judges inputs and passes by the round they name, so a direct
 * message may carry 0 and stay the same while the session moves on).
 */
export function turnButtons(session: Session, format: Format, phase: RoundsPhase, round: number, seq = session.seq): Button[] {
  const tr = trOf(session);
  const value = encodeAction({ sessionId: session.id, seq, phaseId: phase.id, round });
  const pass = button(tr('step:turn.pass'), ACTIONS.pass, value);
  if (!isOnCall(session)) return [button(inputSpecOf(session, format, phase).label, ACTIONS.input, value, { style: 'primary' }), pass];
  return [button(tr('step:turn.done'), ACTIONS.done, value, { style: 'primary' }), button(tr('step:turn.doneWithNote'), ACTIONS.input, value), pass];
}

/** The turn line of a live round's prompt: whose turn it is and what they can do. */
export function turnLine(session: Session, format: Format, phase: RoundsPhase, holder: string): string {
  const tr = trOf(session);
  if (isOnCall(session)) return tr('step:turn.lineOnCall', { holder: mention(holder) });
  return tr('step:turn.line', { holder: mention(holder), label: escapeText(inputSpecOf(session, format, phase).label) });
}

/** An input as a line of mrkdwn after its label and author: its text, or (on a call) "said it aloud" and the note. */
export function inputWords(tr: Translator, input: Input, budget: number): string {
  if (!input.spoken) return escapeBounded(input.text, budget);
  return input.text === '' ? tr('step:turn.saidAloud') : tr('step:turn.saidAloudNoted', { note: escapeBounded(input.text, budget) });
}

/** The answer under an input: written, answered aloud (with its note, if any), or passed on by the presenter. */
export function answerWords(session: Session, answer: NonNullable<Input['answer']>, budget: number): string {
  const tr = trOf(session);
  if (answer.text === undefined) return tr('step:turn.passedOn', { presenter: mention(presenterOf(session)) });
  if (!answer.spoken) return tr('step:turn.answerWritten', { text: escapeBounded(answer.text, budget) });
  return answer.text === '' ? tr('step:turn.answeredAloud') : tr('step:turn.answerAloudNoted', { note: escapeBounded(answer.text, budget) });
}

/**
 * The presenter's buttons under an unanswered question: answer in writing,
 * or (on a call) mark it answered aloud; and, where the phase allows it,
 * pass on it.
 */
export function answerButtons(session: Session, format: Format, phase: RoundsPhase, input: Input, label: string): Button[] {
  const tr = trOf(session);
  const role = format.roles.presenter;
  const value = encodeAction({ sessionId: session.id, seq: session.seq, phaseId: phase.id, inputId: input.id });
  const answer = isOnCall(session)
    ? button(forRole(tr, tr('step:turn.answered', { label }), role), ACTIONS.answered, value)
    : button(forRole(tr, tr('step:turn.answer', { label }), role), ACTIONS.answer, value);
  return phase.answerPass ? [answer, button(forRole(tr, tr('step:turn.passOn', { label }), role), ACTIONS.answerPass, value)] : [answer];
}
