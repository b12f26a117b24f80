import type { Format, Phase, RoundsPhase } from '../../engine/formats/schema';
import type { Session } from '../../engine/session';
import { escapeBounded, escapeText, link, slackDate } from '../escape';
import { ACTIONS, encodeAction } from '../ids';
import { type Block, type Button, type MessagePayload, actions, button, context, section } from './kit';
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

/** Give / pass buttons for a round; they name phase and round, which the listener checks. */
function roundButtons(session: Session, format: Format, phase: RoundsPhase, round: number): Button[] {
  const value = encodeAction({ sessionId: session.id, seq: session.seq, phaseId: phase.id, round });
  return [button(inputSpecOf(session, format, phase).label, ACTIONS.input, value, { style: 'primary' }), button('I pass', ACTIONS.pass, value)];
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

/** Live mode: it is this member's turn now. */
export function yourTurnDm(session: Session, format: Format, phase: RoundsPhase, round: number, permalink?: string): MessagePayload {
  const noun = escapeText(inputSpecOf(session, format, phase).noun.indefinite);
  return withButtons(
    `It's your turn in ${phase.title}`,
    [
      `It's your turn in *${escapeText(phase.title)}* (round ${round}) in ${sessionName(session)}.`,
      `You can give ${noun} or pass here, or ${threadLink(permalink)}.`,
    ],
    roundButtons(session, format, phase, round),
  );
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
