import type { Format, Phase, RoundsPhase } from '../../engine/formats/schema';
import { presenterOf } from '../../engine/queries';
import type { Session } from '../../engine/session';
import { escapeText, mention, slackDate } from '../escape';
import { count, evaluators, inputSpecOf, inputsOf, openRound, participants, pendingInRound, phaseById, turnHolder } from './view-model';
import { WORDS } from './words';

/**
 * One calm line saying what the session waits for in a phase ("Waiting for
 * <@U3>'s turn"), shared by the card and the phase prompt. Mrkdwn; no user text.
 */

/** A live timebox end reads as a time; an asynchronous deadline as a day and a time. */
export function deadlineText(session: Session, ms: number): string {
  return session.settings.mode === 'live' ? slackDate(ms, '{time}') : slackDate(ms);
}

/** The line a paused session shows. */
export function pausedLine(format: Format): string {
  return `Paused by ${format.roles.facilitator.definite}. Nothing moves on until they resume.`;
}

/** What the phase is waiting for right now; with `withDeadline`, until when (the card says it, the prompt has its own line). */
export function waitingLine(session: Session, format: Format, phaseId: string, now: number, withDeadline = true): string {
  const phase = phaseById(format, phaseId);
  if (!phase) return 'This step is no longer part of the format.';
  if (session.status === 'paused') return pausedLine(format);
  const { line, waiting } = waitingFor(session, format, phase);
  const deadline = session.current?.id === phaseId ? session.current.deadline : undefined;
  // An open round names its own closing time; after the rounds, an asynchronous presenter still owes answers until the phase's deadline.
  const roundsSayWhen = phase.kind === 'rounds' && (session.settings.mode === 'live' || openRound(session, phaseId) !== undefined);
  if (!withDeadline || !waiting || deadline === undefined || roundsSayWhen) return line;
  const when = deadline <= now ? `the timebox ended ${deadlineText(session, deadline)}` : `until ${deadlineText(session, deadline)}`;
  return `${line.replace(/\.$/, '')}, ${when}.`;
}

function waitingFor(session: Session, format: Format, phase: Phase): { line: string; waiting: boolean } {
  const presenter = mention(presenterOf(session));
  const facilitator = format.roles.facilitator.definite;
  const waiting = (line: string) => ({ line, waiting: true });
  const settled = (line: string) => ({ line, waiting: false });
  switch (phase.kind) {
    case 'statement': {
      const statement = session.statements[phase.id];
      if (!statement) return waiting(`${presenter} has the floor.`);
      return settled(
        statement.text !== undefined
          ? `${presenter} has written it down; ${facilitator} moves on when everyone has read it.`
          : `${presenter} is done; ${facilitator} moves on when everyone is ready.`,
      );
    }
    case 'agreement': {
      const everyone = participants(session);
      const missing = everyone.filter((u) => !session.agreed.includes(u)).length;
      return missing === 0 ? settled('Everyone has agreed.') : waiting(`Waiting for ${missing} of ${everyone.length} to agree.`);
    }
    case 'rounds':
      return waiting(roundsWaiting(session, format, phase));
    case 'choice':
      return session.picks[phase.id] ? settled(`${presenter} has picked.`) : waiting(`Waiting for ${presenter} to pick.`);
    case 'evaluation': {
      const answers = session.evaluations[phase.id] ?? {};
      if (phase.presenterFirst && answers[presenterOf(session)] === undefined) return waiting(`Waiting for ${presenter}'s evaluation.`);
      const people = evaluators(session);
      const missing = people.filter((u) => answers[u] === undefined).length;
      return missing === 0 ? settled('Everyone has evaluated.') : waiting(`Waiting for ${missing} of ${people.length} evaluations.`);
    }
    case 'end':
      return settled(escapeText(phase.ended));
  }
}

function roundsWaiting(session: Session, format: Format, phase: RoundsPhase): string {
  const phaseId = phase.id;
  const round = openRound(session, phaseId);
  if (round) {
    if (session.settings.mode === 'live') {
      const holder = turnHolder(session);
      return holder ? `Waiting for ${mention(holder)}'s turn.` : 'Everyone has had their turn in this round.';
    }
    const pending = pendingInRound(session, round).length;
    const closes = round.deadline === undefined ? '' : `, round ${round.number} closes ${deadlineText(session, round.deadline)}`;
    return `Waiting for ${pending} of ${count(round.order.length, phase.actor === 'everyone' ? WORDS.person : format.roles.member)}${closes}.`;
  }
  const unanswered = phase.answerable ? inputsOf(session, phaseId).filter((i) => i.answer === undefined).length : 0;
  const noun = inputSpecOf(session, format, phase).noun;
  if (unanswered > 0) return `Waiting for ${mention(presenterOf(session))} to answer ${count(unanswered, noun)}.`;
  return `The rounds are over; ${format.roles.facilitator.definite} moves on when ready.`;
}
