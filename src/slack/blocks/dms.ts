import type { Format, Phase, RoundsPhase } from '../../engine/formats/schema';
import { isOnCall } from '../../engine/queries';
import type { Session } from '../../engine/session';
import { escapeBounded, escapeText, link, slackDate } from '../escape';
import { ACTIONS, encodeAction } from '../ids';
import { type Block, type Button, type MessagePayload, actions, button, context, section } from './kit';
import { turnButtons } from './turns';
import { inputSpecOf, inputsOf } from './view-model';
import { count, escapedNoun, trOf, type Translator } from './words';

/**
 * Direct messages that nudge one person kindly: a round reminder, "your
 * turn", a presenter step waiting. They name the session by its
 * non-confidential title only, link to the thread, and offer the buttons
 * right in the DM so nobody has to go looking.
 */

/** The session by its (escaped, non-confidential) title in quotes, or `fallback` ("your intervision session") when it has none. */
export function sessionName(session: Session, fallback: 'yours' | 'one' = 'yours'): string {
  const tr = trOf(session);
  const title = session.title.trim();
  if (title) return tr('common:quoted', { text: escapeBounded(title, 100) });
  return fallback === 'yours' ? tr('common:yourSession') : tr('common:aSession');
}

/** "open the thread" as a link to it, or (without a link) "open the session thread"; `start`: at the start of a sentence. */
function threadLink(tr: Translator, permalink: string | undefined, start = false): string {
  if (permalink) return link(permalink, tr(start ? 'dms:thread.linkStart' : 'dms:thread.link'));
  return tr(start ? 'dms:thread.noLinkStart' : 'dms:thread.noLink');
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

function withButtons(tr: Translator, text: string, lines: string[], buttons: Button[]): MessagePayload {
  const blocks: Block[] = lines.map((line, i) => section(line, `dm-${i + 1}`));
  const row = actions('dm-actions', buttons);
  if (row) blocks.push(row);
  blocks.push(context([tr('dms:postedNote')]));
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
  const tr = trOf(session);
  const input = escapedNoun(inputSpecOf(session, format, phase).noun);
  return withButtons(
    tr,
    tr('dms:reminder.text', { round, phase: phase.title }),
    [
      tr('dms:reminder.first', { round, phase: escapeText(phase.title), session: sessionName(session), until: slackDate(deadline, tr('common:dayAndTime')) }),
      tr('dms:reminder.second', { input, thread: threadLink(tr, permalink) }),
    ],
    roundButtons(session, format, phase, round),
  );
}

/** Live mode: it is this member's turn now (they chose to hear of it by direct message). */
export function yourTurnDm(session: Session, format: Format, phase: RoundsPhase, round: number, permalink?: string): MessagePayload {
  const tr = trOf(session);
  const back = button(tr('dms:turn.toThread'), ACTIONS.nudgesThread, encodeAction({ sessionId: session.id, seq: 0 }));
  const thread = threadLink(tr, permalink);
  const take = isOnCall(session)
    ? tr('dms:turn.secondOnCall', { thread })
    : tr('dms:turn.second', { input: escapedNoun(inputSpecOf(session, format, phase).noun), thread });
  return withButtons(
    tr,
    tr('dms:turn.text', { phase: phase.title }),
    [tr('dms:turn.first', { phase: escapeText(phase.title), round, session: sessionName(session) }), take],
    [...roundButtons(session, format, phase, round), back],
  );
}

/** The note in the thread, only for the person whose turn has begun (an ephemeral message): short, with a way to get DMs instead. */
export function turnNote(session: Session, phase: RoundsPhase, round: number): MessagePayload {
  const tr = trOf(session);
  const toDm = button(tr('dms:turn.toDm'), ACTIONS.nudgesDm, encodeAction({ sessionId: session.id, seq: 0 }));
  const row = actions('turn-note', [toDm]);
  return { text: tr('dms:turn.text', { phase: phase.title }), blocks: [section(tr('dms:turn.note', { phase: escapeText(phase.title), round }), 'turn-note-text'), ...(row ? [row] : [])] };
}

/** A turn message whose turn has passed: no buttons left to click. */
export function turnOverDm(session: Session, phase: RoundsPhase, round: number): MessagePayload {
  const tr = trOf(session);
  return {
    text: tr('dms:turn.overText', { phase: phase.title }),
    blocks: [section(tr('dms:turn.over', { phase: escapeText(phase.title), round, session: sessionName(session) }), 'dm-1')],
  };
}

/** A round reminder once its person has taken their turn (the round still open), without the buttons. */
export function reminderTakenDm(session: Session, phase: RoundsPhase, round: number, deadline?: number): MessagePayload {
  const tr = trOf(session);
  const lines = [tr('dms:reminder.taken', { round, phase: escapeText(phase.title), session: sessionName(session) })];
  if (deadline !== undefined) lines.push(tr('dms:reminder.takenUntil', { round, when: slackDate(deadline, tr('common:dayAndTime')) }));
  return { text: tr('dms:reminder.takenText', { round, phase: phase.title }), blocks: lines.map((line, i) => section(line, `dm-${i + 1}`)) };
}

/** A round reminder once its round has closed: no "open until", no buttons. */
export function reminderOverDm(session: Session, phase: RoundsPhase, round: number): MessagePayload {
  const tr = trOf(session);
  return {
    text: tr('dms:reminder.overText', { round, phase: phase.title }),
    blocks: [section(tr('dms:reminder.over', { round, phase: escapeText(phase.title), session: sessionName(session) }), 'dm-1')],
  };
}

/** The presenter's step is waiting (their statement, answers, picks, or evaluation). */
export function presenterReminderDm(
  session: Session,
  format: Format,
  phase: Phase,
  deadline?: number,
  permalink?: string,
): MessagePayload {
  const tr = trOf(session);
  const where = { phase: escapeText(phase.title), session: sessionName(session) };
  const first = deadline === undefined ? tr('dms:presenter.first', where) : tr('dms:presenter.firstUntil', { ...where, until: slackDate(deadline, tr('common:dayAndTime')) });
  const value = encodeAction({ sessionId: session.id, seq: session.seq, phaseId: phase.id });
  const text = tr('dms:presenter.text', { phase: phase.title });
  switch (phase.kind) {
    case 'statement':
      return withButtons(tr, text, [first, tr('dms:presenter.statement', { thread: threadLink(tr, permalink) })], [
        button(phase.textLabel, ACTIONS.statementWrite, value, { style: 'primary' }),
      ]);
    case 'rounds': {
      const open = inputsOf(session, phase.id).filter((i) => i.answer === undefined).length;
      const inputs = count(tr, open, inputSpecOf(session, format, phase).noun);
      return withButtons(tr, text, [first, tr('dms:presenter.answers', { count: open, inputs, thread: threadLink(tr, permalink) })], []);
    }
    case 'choice':
      return withButtons(tr, text, [first, tr('dms:presenter.pick', { thread: threadLink(tr, permalink, true) })], []);
    case 'evaluation':
      return withButtons(tr, text, [first, tr('dms:presenter.evaluate', { thread: threadLink(tr, permalink) })], [
        button(tr('step:evaluate'), ACTIONS.evaluate, value, { style: 'primary' }),
      ]);
    case 'agreement':
    case 'end':
      return withButtons(tr, text, [first, tr('dms:presenter.continue', { thread: threadLink(tr, permalink, true) })], []);
  }
}
