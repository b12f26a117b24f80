import type { Format, Phase, RoundsPhase } from '../../engine/formats/schema';
import { isOnCall } from '../../engine/queries';
import type { Session } from '../../engine/session';
import { escapeBounded, escapeText, link, slackDate } from '../escape';
import { ACTIONS, encodeAction } from '../ids';
import { type Block, type Button, type MessagePayload, actions, button, context, section } from './kit';
import { turnButtons } from './turns';
import { count, inputSpecOf, inputsOf } from './view-model';

/**
 * Direct messages that nudge one person kindly: a round reminder, "your
 * turn", a presenter step waiting. They name the session by its
 * non-confidential title only, link to the thread, and offer the buttons
 * right in the DM so nobody has to go looking.
 */

/** The session by its (escaped, non-confidential) title, or `fallback` when it has none. */
export function sessionName(session: Session, fallback = 'your intervision session'): string {
  const title = session.title.trim();
  return title ? `“${escapeBounded(title, 100)}”` : fallback;
}

function threadLink(permalink: string | undefined, label = 'open the thread'): string {
  return permalink ? link(permalink, label) : label.replace('the thread', 'the session thread');
}

/**
 * Give / pass buttons for a round (on a call: Done / Done, with a note / I
 * pass); they name phase and round, which the engine checks. They carry seq 0
 * (inputs and passes are judged by the round they name, not the seq), so a
 * DM kept up to date (sent-dms.ts) reads the same until its round or its
 * deadline changes.
 */
function roundButtons(session: Session, format: Format, phase: RoundsPhase, round: number): Button[] {
  return turnButtons(session, format, phase, round, 0);
}

function withButtons(text: string, lines: string[], buttons: Button[]): MessagePayload {
  const blocks: Block[] = lines.map((line, i) => section(line, `dm-${i + 1}`));
  const row = actions('dm-actions', buttons);
  if (row) blocks.push(row);
  blocks.push(context(['What you write is posted in the session thread and deleted when the session closes.']));
  return { text, blocks };
}

/** A gentle reminder that an asynchronous round closes at `deadline`, with give / pass buttons. */
export function reminderDm(
  session: Session,
  format: Format,
  phase: RoundsPhase,
  round: number,
  deadline: number,
  permalink?: string,
): MessagePayload {
  const noun = escapeText(inputSpecOf(session, format, phase).noun.indefinite);
  return withButtons(
    `A friendly reminder: round ${round} of ${phase.title} closes soon`,
    [
      `Hello! Round ${round} of *${escapeText(phase.title)}* in ${sessionName(session)} is open until ${slackDate(deadline)}.`,
      `When you're ready, you can give ${noun} or pass right here, or ${threadLink(permalink)} to read along first. Passing is perfectly fine if nothing comes to mind.`,
    ],
    roundButtons(session, format, phase, round),
  );
}

/** Live mode: it is this member's turn now (they chose to hear of it by direct message). */
export function yourTurnDm(session: Session, format: Format, phase: RoundsPhase, round: number, permalink?: string): MessagePayload {
  const back = button(TURN_DM_WORDS.toThread, ACTIONS.nudgesThread, encodeAction({ sessionId: session.id, seq: 0 }));
  const take = isOnCall(session) ? TURN_DM_WORDS.secondOnCall : TURN_DM_WORDS.second(escapeText(inputSpecOf(session, format, phase).noun.indefinite));
  return withButtons(
    TURN_DM_WORDS.text(phase.title),
    [TURN_DM_WORDS.first(escapeText(phase.title), round, sessionName(session)), take(threadLink(permalink))],
    [...roundButtons(session, format, phase, round), back],
  );
}

/** The words of the turn message and the turn note. */
export const TURN_DM_WORDS = {
  text: (phase: string) => `It's your turn in ${phase}`,
  first: (phase: string, round: number, session: string) => `It's your turn in *${phase}* (round ${round}) in ${session}.`,
  /** `input` with its article, in the format's words ("an observation"). */
  second: (input: string) => (thread: string) => `You can give ${input} or pass here, or ${thread}.`,
  secondOnCall: (thread: string) => `Once you have said it aloud on the call, click Done here (or pass), or ${thread}.`,
  toThread: 'Tell me in the thread instead',
  toDm: 'Tell me by direct message instead',
  note: (phase: string, round: number) => `It's your turn in *${phase}* (round ${round}).`,
  over: (phase: string, round: number, session: string) => `Your turn in *${phase}* (round ${round}) in ${session} has passed; the session has moved on.`,
  overText: (phase: string) => `Your turn in ${phase} has passed`,
} as const;

/** The note in the thread, only for the person whose turn has begun (an ephemeral message): short, with a way to get DMs instead. */
export function turnNote(session: Session, phase: RoundsPhase, round: number): MessagePayload {
  const toDm = button(TURN_DM_WORDS.toDm, ACTIONS.nudgesDm, encodeAction({ sessionId: session.id, seq: 0 }));
  const row = actions('turn-note', [toDm]);
  return { text: TURN_DM_WORDS.text(phase.title), blocks: [section(TURN_DM_WORDS.note(escapeText(phase.title), round), 'turn-note-text'), ...(row ? [row] : [])] };
}

/** A turn message whose turn has passed: no buttons left to click. */
export function turnOverDm(session: Session, phase: RoundsPhase, round: number): MessagePayload {
  return { text: TURN_DM_WORDS.overText(phase.title), blocks: [section(TURN_DM_WORDS.over(escapeText(phase.title), round, sessionName(session)), 'dm-1')] };
}

/** The words of a round reminder once the person has taken their turn, or the round has closed. */
export const REMINDER_WORDS = {
  takenText: (round: number, phase: string) => `You have taken your turn in round ${round} of ${phase}`,
  taken: (round: number, phase: string, session: string) => `You have taken your turn in round ${round} of *${phase}* in ${session}. Thank you!`,
  takenUntil: (round: number, deadline: string) => `Round ${round} closes ${deadline}; what was written is shown then.`,
  overText: (round: number, phase: string) => `Round ${round} of ${phase} has closed`,
  over: (round: number, phase: string, session: string) => `Round ${round} of *${phase}* in ${session} has closed.`,
} as const;

/** A round reminder once its person has taken their turn (the round still open), without the buttons. */
export function reminderTakenDm(session: Session, phase: RoundsPhase, round: number, deadline?: number): MessagePayload {
  const lines = [REMINDER_WORDS.taken(round, escapeText(phase.title), sessionName(session))];
  if (deadline !== undefined) lines.push(REMINDER_WORDS.takenUntil(round, slackDate(deadline)));
  return { text: REMINDER_WORDS.takenText(round, phase.title), blocks: lines.map((line, i) => section(line, `dm-${i + 1}`)) };
}

/** A round reminder once its round has closed: no "open until", no buttons. */
export function reminderOverDm(session: Session, phase: RoundsPhase, round: number): MessagePayload {
  return { text: REMINDER_WORDS.overText(round, phase.title), blocks: [section(REMINDER_WORDS.over(round, escapeText(phase.title), sessionName(session)), 'dm-1')] };
}

/** The presenter's step is waiting (their statement, answers, picks, or evaluation). */
export function presenterReminderDm(
  session: Session,
  format: Format,
  phase: Phase,
  deadline?: number,
  permalink?: string,
): MessagePayload {
  const until = deadline === undefined ? '' : ` (until ${slackDate(deadline)})`;
  const first = `Hello! *${escapeText(phase.title)}* in ${sessionName(session)} is waiting for you${until}. Take the time you need.`;
  const value = encodeAction({ sessionId: session.id, seq: session.seq, phaseId: phase.id });
  const text = `${phase.title} is waiting for you`;
  switch (phase.kind) {
    case 'statement':
      return withButtons(text, [first, `You can write it here, or ${threadLink(permalink)}.`], [
        button(phase.textLabel, ACTIONS.statementWrite, value, { style: 'primary' }),
      ]);
    case 'rounds': {
      const open = inputsOf(session, phase.id).filter((i) => i.answer === undefined).length;
      const noun = inputSpecOf(session, format, phase).noun;
      return withButtons(text, [first, `${count(open, noun)} ${open === 1 ? 'is' : 'are'} waiting for your answer: ${threadLink(permalink)} to answer them.`], []);
    }
    case 'choice':
      return withButtons(text, [first, `${threadLink(permalink, 'Open the thread')} to make your pick.`], []);
    case 'evaluation':
      return withButtons(text, [first, `You can answer here, or ${threadLink(permalink)}.`], [
        button('Evaluate', ACTIONS.evaluate, value, { style: 'primary' }),
      ]);
    case 'agreement':
    case 'end':
      return withButtons(text, [first, `${threadLink(permalink, 'Open the thread')} to continue.`], []);
  }
}
