import type { Format, RoundsPhase } from '../../engine/formats/schema';
import { allInputsOf, inputSpecOf, inputsOf, isOnCall, phaseById, phaseIndexIn } from '../../engine/queries';
import { count, trOf, word } from './words';
import type { Evaluation, RoundState, Session, UserId } from '../../engine/session';

/**
 * Read-only questions the renderers ask of a session: where it is, who is
 * being waited for, how inputs are numbered. Pure; no Slack here. What the
 * engine already answers (whose turn, who is pending, a phase by id, a
 * phase's inputs) is passed on from engine/queries, never answered twice.
 */

export { evaluators, inputSpecOf, inputsOf, participants, pendingInRound, phaseById, turnHolder } from '../../engine/queries';

export type PhaseState = 'future' | 'current' | 'done';

/** 1-based position of the phase in the format (0 when unknown). */
export function phasePosition(format: Format, phaseId: string): number {
  return format.phases.findIndex((p) => p.id === phaseId) + 1;
}

/** Whether the phase lies ahead, is in progress, or is over. A closing session has nothing in progress. */
export function phaseState(session: Session, format: Format, phaseId: string): PhaseState {
  const index = format.phases.findIndex((p) => p.id === phaseId);
  // The session's phase by id: a format may have gained a phase since the session was stored.
  const at = phaseIndexIn(session, format);
  if (index < 0 || at < 0) return 'future';
  if (session.status === 'closing') return index <= at ? 'done' : 'future';
  if (index < at) return 'done';
  return index === at ? 'current' : 'future';
}

/** Whether people may act on the phase now (current, and the session neither paused nor closing). */
export function isActionable(session: Session, format: Format, phaseId: string): boolean {
  return (session.status === 'running' || session.status === 'ended') && phaseState(session, format, phaseId) === 'current';
}

/** The open round of the phase, if it is the current phase and a round is open (a query; the engine's beginRound opens one). */
export function openRound(session: Session, phaseId: string): RoundState | undefined {
  return session.current?.id === phaseId ? session.current.round : undefined;
}

/**
 * Short labels for a phase's inputs by id: "Q1", "Q2", ... from the first
 * letter of the noun in the session's language ("F1" for a German Frage). A
 * hidden input keeps its number, so no label moves.
 */
export function inputLabels(session: Session, format: Format, phase: RoundsPhase): Map<string, string> {
  const letter = (/\p{L}/u.exec(inputSpecOf(session, format, phase).noun.singular)?.[0] ?? 'I').toUpperCase();
  return new Map(allInputsOf(session, phase.id).map((input, i) => [input.id, `${letter}${i + 1}`]));
}

/** Members of a closed (or any) round with the given mark, in turn order. */
export function markedAs(round: Pick<RoundState, 'order' | 'marks'>, mark: RoundState['marks'][string]): UserId[] {
  return round.order.filter((u) => round.marks[u] === mark);
}

/** Rounds that have inputs, are open, or have closed, 1..n, for a phase. */
export function roundNumbers(session: Session, phaseId: string): number[] {
  const numbers = new Set(inputsOf(session, phaseId).map((i) => i.round));
  const open = openRound(session, phaseId);
  if (open) numbers.add(open.number);
  const closed = session.current?.id === phaseId ? session.current.roundsClosed : 0;
  for (let n = 1; n <= closed; n++) numbers.add(n);
  // Closed rounds are logged, so a round of passes still shows once the phase is over.
  for (const round of session.roundLog?.[phaseId] ?? []) numbers.add(round.number);
  return [...numbers].sort((a, b) => a - b);
}

/** "Phase 3 of 7: Appreciation" (+ " · round 2" while a round is open). */
export function progressLine(session: Session, format: Format, phaseId: string, tr = trOf(session)): string {
  const phase = phaseById(format, phaseId);
  const round = openRound(session, phaseId);
  const place = { position: phasePosition(format, phaseId), total: format.phases.length, title: phase?.title ?? phaseId };
  return round ? tr('card:progressRound', { ...place, round: round.number }) : tr('card:progress', place);
}

/** The mode in words. */
export function modeLabel(session: Session): string {
  const tr = trOf(session);
  if (isOnCall(session)) return tr('card:mode.call');
  return session.settings.mode === 'live' ? tr('card:mode.live') : tr('card:mode.async', { hours: count(tr, session.settings.roundWindowHours, word(tr, 'hour')) });
}

/** An evaluation's answer in words ("partly useful"), in the session's language. */
export function usefulLabel(session: Session, useful: Evaluation['useful']): string {
  return trOf(session)(`common:useful.${useful}`);
}
