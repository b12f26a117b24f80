import type { Format, Noun, RoundsPhase } from '../../engine/formats/schema';
import { inputSpecOf, isOnCall, presenterOf } from '../../engine/queries';
import type { Input, Session } from '../../engine/session';
import { escapeBounded, escapeText, mention } from '../escape';
import { ACTIONS, encodeAction } from '../ids';
import { type Button, button } from './kit';
import { forRole } from './words';

/**
 * What a turn looks like, written or on a call, wherever it is drawn (the
 * step's prompt, the round board, a direct message): the turn's buttons, and
 * how an input or an answer said aloud reads. On a call the group talks: a
 * turn ends with "Done" (said it aloud; a note optional) or "I pass", and the
 * presenter answers aloud ("Answered"), or passes on a question where the
 * phase allows it. The words of these surfaces are here; the roles and the
 * inputs they name are the format's own (`role`, the input's label).
 */

export const TURN_WORDS = {
  pass: 'I pass',
  done: 'Done',
  doneWithNote: 'Done, with a note',
  answered: (label: string, role: Noun) => forRole(`Answered ${label}`, role),
  answer: (label: string, role: Noun) => forRole(`Answer ${label}`, role),
  passOn: (label: string, role: Noun) => forRole(`Pass on ${label}`, role),
  saidAloud: '_said it aloud_',
  note: (note: string) => `note: ${note}`,
  answeredAloud: '↳ _Answered aloud_',
  answerAloudNoted: (note: string) => `↳ *Answered aloud*, note: ${note}`,
  answerWritten: (text: string) => `↳ *Answer:* ${text}`,
  passedOn: (presenter: string) => `↳ _${presenter} passed on it._`,
  /** The turn line of a live round's prompt; `label` is the input's own button label ("Ask a question"). */
  turnLine: (holder: string, label: string) => `*It's ${holder}'s turn*: “${label}” or “I pass”.`,
  turnLineOnCall: (holder: string) => `*It's ${holder}'s turn*: say it aloud, then “Done”, or “I pass”.`,
} as const;

/**
 * The buttons of a turn in an open round (`seq`: the seq the value carries;
 * the engine judges inputs and passes by the round they name, so a direct
 * message may carry 0 and stay the same while the session moves on).
 */
export function turnButtons(session: Session, format: Format, phase: RoundsPhase, round: number, seq = session.seq): Button[] {
  const value = encodeAction({ sessionId: session.id, seq, phaseId: phase.id, round });
  const pass = button(TURN_WORDS.pass, ACTIONS.pass, value);
  if (!isOnCall(session)) return [button(inputSpecOf(session, format, phase).label, ACTIONS.input, value, { style: 'primary' }), pass];
  return [button(TURN_WORDS.done, ACTIONS.done, value, { style: 'primary' }), button(TURN_WORDS.doneWithNote, ACTIONS.input, value), pass];
}

/** The turn line of a live round's prompt: whose turn it is and what they can do. */
export function turnLine(session: Session, format: Format, phase: RoundsPhase, holder: string): string {
  return isOnCall(session) ? TURN_WORDS.turnLineOnCall(mention(holder)) : TURN_WORDS.turnLine(mention(holder), escapeText(inputSpecOf(session, format, phase).label));
}

/** An input as a line of mrkdwn after its label and author: its text, or (on a call) "said it aloud" and the note. */
export function inputWords(input: Input, budget: number): string {
  if (!input.spoken) return escapeBounded(input.text, budget);
  return input.text === '' ? TURN_WORDS.saidAloud : `${TURN_WORDS.saidAloud} · ${TURN_WORDS.note(escapeBounded(input.text, budget))}`;
}

/** The answer under an input: written, answered aloud (with its note, if any), or passed on by the presenter. */
export function answerWords(session: Session, answer: NonNullable<Input['answer']>, budget: number): string {
  if (answer.text === undefined) return TURN_WORDS.passedOn(mention(presenterOf(session)));
  if (!answer.spoken) return TURN_WORDS.answerWritten(escapeBounded(answer.text, budget));
  return answer.text === '' ? TURN_WORDS.answeredAloud : TURN_WORDS.answerAloudNoted(escapeBounded(answer.text, budget));
}

/**
 * The presenter's buttons under an unanswered question: answer in writing,
 * or (on a call) mark it answered aloud; and, where the phase allows it,
 * pass on it.
 */
export function answerButtons(session: Session, format: Format, phase: RoundsPhase, input: Input, label: string): Button[] {
  const role = format.roles.presenter;
  const value = encodeAction({ sessionId: session.id, seq: session.seq, phaseId: phase.id, inputId: input.id });
  const answer = isOnCall(session) ? button(TURN_WORDS.answered(label, role), ACTIONS.answered, value) : button(TURN_WORDS.answer(label, role), ACTIONS.answer, value);
  return phase.answerPass ? [answer, button(TURN_WORDS.passOn(label, role), ACTIONS.answerPass, value)] : [answer];
}
