import type { Format, Phase, RoundsPhase } from '../../engine/formats/schema';
import { presenterOf } from '../../engine/queries';
import type { Session } from '../../engine/session';
import { escapeText, mention, slackDate } from '../escape';
import { evaluators, inputSpecOf, inputsOf, openRound, participants, pendingInRound, phaseById, turnHolder } from './view-model';
import { count, trOf, word, type Translator } from './words';

/**
 * One calm line saying what the session waits for in a phase ("Waiting for
 * <@U3>'s turn"), shared by the card and the phase prompt. Mrkdwn; no user text.
 */

/** A live timebox end reads as a time; an asynchronous deadline as a day and a time. */
export function deadlineText(session: Session, ms: number, tr = trOf(session)): string {
  return session.settings.mode === 'live' ? slackDate(ms, '{time}') : slackDate(ms, tr('common:dayAndTime'));
}

/** The line a paused session shows. */
export function pausedLine(session: Session, format: Format, tr = trOf(session)): string {
  return tr('step:paused', { facilitator: format.roles.facilitator });
}

/**
 * What the phase is waiting for right now; with `withDeadline`, until when (the
 * card says it, the prompt has its own line). In the session's language, or
 * `tr`'s (the App Home speaks its viewer's; `format` must be in the same).
 */
export function waitingLine(session: Session, format: Format, phaseId: string, now: number, withDeadline = true, tr = trOf(session)): string {
  const phase = phaseById(format, phaseId);
  if (!phase) return tr('step:gone');
  if (session.status === 'paused') return pausedLine(session, format, tr);
  const { line, waiting } = waitingFor(tr, session, format, phase);
  const deadline = session.current?.id === phaseId ? session.current.deadline : undefined;
  // An open round names its own closing time; after the rounds, an asynchronous presenter still owes answers until the phase's deadline.
  const roundsSayWhen = phase.kind === 'rounds' && (session.settings.mode === 'live' || openRound(session, phaseId) !== undefined);
  if (!withDeadline || !waiting || deadline === undefined || roundsSayWhen) return line;
  const params = { line: line.replace(/\.$/, ''), when: deadlineText(session, deadline, tr) };
  return deadline <= now ? tr('step:waiting.timeboxEnded', params) : tr('step:waiting.until', params);
}

function waitingFor(tr: Translator, session: Session, format: Format, phase: Phase): { line: string; waiting: boolean } {
  const presenter = mention(presenterOf(session));
  const facilitator = format.roles.facilitator;
  const waiting = (line: string) => ({ line, waiting: true });
  const settled = (line: string) => ({ line, waiting: false });
  switch (phase.kind) {
    case 'statement': {
      const statement = session.statements[phase.id];
      if (!statement) return waiting(tr('step:waiting.floor', { presenter }));
      return settled(tr(statement.text !== undefined ? 'step:waiting.written' : 'step:waiting.told', { presenter, facilitator }));
    }
    case 'agreement': {
      const everyone = participants(session);
      const missing = everyone.filter((u) => !session.agreed.includes(u)).length;
      return missing === 0 ? settled(tr('step:waiting.allAgreed')) : waiting(tr('step:waiting.toAgree', { missing, total: everyone.length }));
    }
    case 'rounds':
      return waiting(roundsWaiting(tr, session, format, phase));
    case 'choice':
      return session.picks[phase.id] ? settled(tr('step:waiting.picked', { presenter })) : waiting(tr('step:waiting.toPick', { presenter }));
    case 'evaluation': {
      const answers = session.evaluations[phase.id] ?? {};
      if (phase.presenterFirst && answers[presenterOf(session)] === undefined) return waiting(tr('step:waiting.presenterEvaluation', { presenter }));
      const people = evaluators(session);
      const missing = people.filter((u) => answers[u] === undefined).length;
      return missing === 0 ? settled(tr('step:waiting.allEvaluated')) : waiting(tr('step:waiting.evaluations', { missing, total: people.length }));
    }
    case 'end':
      return settled(escapeText(phase.ended));
  }
}

function roundsWaiting(tr: Translator, session: Session, format: Format, phase: RoundsPhase): string {
  const phaseId = phase.id;
  const round = openRound(session, phaseId);
  if (round) {
    if (session.settings.mode === 'live') {
      const holder = turnHolder(session);
      return holder ? tr('step:waiting.turn', { holder: mention(holder) }) : tr('step:everyoneHadTurn');
    }
    const pending = pendingInRound(session, round).length;
    const of = count(tr, round.order.length, phase.actor === 'everyone' ? word(tr, 'person') : format.roles.member);
    if (round.deadline === undefined) return tr('step:waiting.round', { pending, of });
    return tr('step:waiting.roundCloses', { pending, of, round: round.number, when: deadlineText(session, round.deadline, tr) });
  }
  const unanswered = phase.answerable ? inputsOf(session, phaseId).filter((i) => i.answer === undefined).length : 0;
  const noun = inputSpecOf(session, format, phase).noun;
  if (unanswered > 0) return tr('step:waiting.answers', { presenter: mention(presenterOf(session)), inputs: count(tr, unanswered, noun) });
  return tr('step:waiting.roundsOver', { facilitator: format.roles.facilitator });
}
