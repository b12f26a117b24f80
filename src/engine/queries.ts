import { formats, type FormatRegistry } from './formats';
import type { ChoicePhase, Format, InputSpec, Phase, RoundsPhase } from './formats/schema';
import { BASE_LANGUAGE, LANGUAGES, type Input, type Language, type RoundState, type Session, type UserId } from './session';

/**
 * Small pure questions about a session, for the engine's rules and for the UI
 * (which buttons to draw, whom the card says we are waiting for).
 */

/** The format a session runs. */
export function formatOf(session: Session, registry: FormatRegistry = formats): Format {
  return registry.require(session.formatId);
}

/** The phase with this id in the format; undefined for an id it does not have, or none. */
export function phaseById(format: Format | undefined, phaseId: string | undefined): Phase | undefined {
  return phaseId === undefined ? undefined : format?.phases.find((phase) => phase.id === phaseId);
}

/**
 * Where the session stands in its format as the format is now. The phase in
 * progress is the one `current` names: `phaseIndex` was counted in the format
 * as it was when the session was stored, and a format that gained a phase
 * since (Agile-Intervision's focused questions) shifted the phases after it.
 * A phase that no longer exists keeps its stored index.
 */
export function phaseIndexIn(session: Session, format: Format): number {
  const id = session.current?.id;
  if (id === undefined || format.phases[session.phaseIndex]?.id === id) return session.phaseIndex;
  const found = format.phases.findIndex((phase) => phase.id === id);
  return found >= 0 ? found : session.phaseIndex;
}

/** The phase in progress, or undefined before the start. */
export function currentPhase(session: Session, registry: FormatRegistry = formats): Phase | undefined {
  if (session.phaseIndex < 0) return undefined;
  const format = formatOf(session, registry);
  return format.phases[phaseIndexIn(session, format)];
}

/**
 * Who brings the case. In a group's meeting it is '' until the case is
 * chosen: only the selection step runs then, and nothing names the presenter.
 */
export function presenterOf(session: Session): UserId {
  return session.presenter ?? '';
}

/** The presenter, as a list: empty before a group's meeting has chosen its case. */
function presenterList(session: Session): UserId[] {
  return session.presenter === undefined ? [] : [session.presenter];
}

/** Everyone in the session: presenter, facilitator, then members (each once). */
export function participants(session: Session): UserId[] {
  const all = [...presenterList(session), session.facilitator, ...session.members];
  return [...new Set(all)];
}

/** Whether the user is the presenter, the facilitator or a member. */
export function isParticipant(session: Session, user: string): boolean {
  return user === session.presenter || user === session.facilitator || session.members.includes(user);
}

/** The roles a person holds in a session (the facilitator may also be a member). */
export interface Roles {
  facilitator: boolean;
  presenter: boolean;
  member: boolean;
}

/** The roles a user holds. */
export function rolesOf(session: Session, user: string): Roles {
  return {
    facilitator: user === session.facilitator,
    presenter: user === session.presenter,
    member: session.members.includes(user),
  };
}

/** Whether the user still takes part in rounds (removed members are skipped; the facilitator takes part where rounds are for everyone). */
export function takesPart(session: Session, user: string): boolean {
  return user === session.presenter || user === session.facilitator || session.members.includes(user);
}

/** Whether the user confirmed the confidentiality agreement. */
function hasAgreed(session: Session, user: string): boolean {
  return session.agreed.includes(user);
}

/**
 * Turn order of a new round: the members who confirmed the agreement; in
 * rounds for everyone, the presenter first and a facilitator who is not a
 * member last. Nobody who has not agreed ever holds a turn.
 */
export function roundOrder(session: Session, phase: RoundsPhase): UserId[] {
  const members = session.members.filter((m) => m !== session.presenter && hasAgreed(session, m));
  if (phase.actor !== 'everyone') return members;
  const facilitator = members.includes(session.facilitator) || !hasAgreed(session, session.facilitator) ? [] : [session.facilitator];
  return [...presenterList(session), ...members, ...facilitator];
}

/** Who in the round has not had their turn yet, in turn order. */
export function pendingInRound(session: Session, round: RoundState): UserId[] {
  return round.order.filter((user) => round.marks[user] === undefined && takesPart(session, user));
}

/** In the open live round, the member whose turn it is (none in asynchronous rounds, or once everyone had it). */
export function turnHolder(session: Session): UserId | undefined {
  const round = session.current?.round;
  if (!round || session.settings.mode !== 'live') return undefined;
  const holder = round.order[round.turn];
  return holder !== undefined && round.marks[holder] === undefined ? holder : undefined;
}

/**
 * Every input of a phase in the order it was given, those the facilitator
 * hid included: by round, then time. The session keeps them in that order
 * already; the sort (stable) only guards against a clock that stepped back,
 * so labels (Q1, Q2...) never jump, not even when one is hidden.
 */
export function allInputsOf(session: Session, phaseId: string): Input[] {
  return session.inputs.filter((input) => input.phaseId === phaseId).sort((a, b) => a.round - b.round || a.at - b.at);
}

/** The inputs of a phase that people see, in the order they were given: all but those the facilitator hid. */
export function inputsOf(session: Session, phaseId: string): Input[] {
  return allInputsOf(session, phaseId).filter((input) => input.hidden === undefined);
}

/** Inputs of a phase still waiting for the presenter's answer (a hidden one waits for nothing). */
export function pendingAnswers(session: Session, phaseId: string): Input[] {
  return session.inputs.filter((input) => input.phaseId === phaseId && input.answer === undefined && input.hidden === undefined);
}

/** The language the session speaks: the one chosen at its creation, English for a session stored before (or an unknown one). */
export function languageOf(session: Session): Language {
  const chosen = session.settings.language;
  return chosen !== undefined && (LANGUAGES as readonly string[]).includes(chosen) ? chosen : BASE_LANGUAGE;
}

/**
 * Whether the session is held live on a call: the group talks, so an input
 * or an answer may be spoken. Every rule of live sessions holds as it is.
 */
export function isOnCall(session: Session): boolean {
  return session.settings.mode === 'live' && session.settings.onCall === true;
}

/** Whether an input has words to show: typed, or a note to something said aloud. */
export function isNoted(input: Input): boolean {
  return input.text !== '';
}

/**
 * What the presenter may pick from in a choice phase's menu: the visible
 * input ids of the source phase (on a call, those with a note: a tip said
 * aloud and not noted has nothing to show in a menu), or option ids.
 */
export function pickCandidates(session: Session, phase: ChoicePhase): string[] {
  if (phase.fromPhase !== undefined) return inputsOf(session, phase.fromPhase).filter(isNoted).map((input) => input.id);
  return (phase.options ?? []).map((option) => option.id);
}

/** Whether a choice phase has anything to pick: options, or visible inputs in its source phase, noted or said aloud. */
export function hasPickSource(session: Session, phase: ChoicePhase): boolean {
  if (phase.fromPhase !== undefined) return inputsOf(session, phase.fromPhase).length > 0;
  return (phase.options ?? []).length > 0;
}

/**
 * What members write in a rounds phase, in this session: the phase's own
 * input, or, where the phase takes its words from an earlier choice, those
 * of the option chosen there ("hypothesis" for the method "Hypotheses").
 */
export function inputSpecOf(session: Session, format: Format, phase: RoundsPhase): InputSpec {
  if (phase.inputFrom === undefined) return phase.input;
  const choice = phaseById(format, phase.inputFrom);
  const chosen = session.picks[phase.inputFrom]?.items[0];
  const words = choice?.kind === 'choice' ? choice.options?.find((option) => option.id === chosen)?.input : undefined;
  return words ? { ...phase.input, ...words } : phase.input;
}

/** Who evaluates: the presenter, then the members who confirmed the agreement. */
export function evaluators(session: Session): UserId[] {
  return [...presenterList(session), ...session.members.filter((m) => m !== session.presenter && hasAgreed(session, m))];
}

/** The people the session is waiting for right now (empty when nobody in particular). */
export function whoIsWaitedFor(session: Session, registry: FormatRegistry = formats): UserId[] {
  if (session.status === 'open' || session.status === 'ended' || session.status === 'paused' || session.status === 'selecting') {
    return [session.facilitator];
  }
  const phase = currentPhase(session, registry);
  const current = session.current;
  if (session.status !== 'running' || !phase || !current) return [];
  const presenter = presenterOf(session);
  switch (phase.kind) {
    case 'statement':
      return session.statements[phase.id] ? [] : [presenter];
    case 'choice':
      return session.picks[phase.id] ? [] : [presenter];
    case 'agreement':
      return participants(session).filter((user) => !session.agreed.includes(user));
    case 'evaluation': {
      const done = session.evaluations[phase.id] ?? {};
      const missing = evaluators(session).filter((user) => done[user] === undefined);
      return phase.presenterFirst && done[presenter] === undefined ? [presenter] : missing;
    }
    case 'rounds': {
      if (!current.round) return phase.answerable && pendingAnswers(session, phase.id).length > 0 ? [presenter] : [];
      if (session.settings.mode === 'live') {
        const holder = turnHolder(session);
        return holder ? [holder] : [];
      }
      return pendingInRound(session, current.round);
    }
    case 'end':
      return [session.facilitator];
  }
}

/** Whether the session is waiting for this person to act. */
export function canAct(session: Session, user: string, registry: FormatRegistry = formats): boolean {
  return whoIsWaitedFor(session, registry).includes(user);
}
