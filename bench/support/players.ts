/**
 * The people around a benchmark session: given the session as it stands,
 * who acts next and with what, so a whole live progress-focused session can
 * be played through the real dispatch path. They behave like a real group:
 * questions answered as they come, some inputs, some passes, rounds that end
 * when everyone passes, the presenter's picks, and everyone's evaluation.
 */
import { currentPhase, evaluators, inputsOf, pendingAnswers, turnHolder } from '../../src/engine/queries';
import type { CommandBody, Session, Settings, UserId } from '../../src/engine/session';
import type { NewSession } from '../../src/engine/new-session';

export const MEMBERS_PER_SESSION = 8;

/** A realistic Slack user id for person `n` of session `s` (Slack ids are 9-11 characters). */
function userId(s: number, n: number): UserId {
  return `U0${(s * 16 + n).toString(36).toUpperCase().padStart(7, '0')}`;
}

/** Who sits at session `s`'s table. */
export interface People {
  facilitator: UserId;
  presenter: UserId;
  members: UserId[];
}

/** The facilitator, the presenter and eight members of session `s`. */
export function peopleOf(s: number): People {
  return {
    facilitator: userId(s, 0),
    presenter: userId(s, 1),
    members: Array.from({ length: MEMBERS_PER_SESSION }, (_, n) => userId(s, n + 2)),
  };
}

/** What the creation modal gives for a live progress-focused session; the members join afterwards. */
export function newSessionParams(id: string, channel: string, people: People): NewSession {
  const settings: Settings = {
    mode: 'live',
    facilitatorIsMember: false,
    timeboxMinutes: {},
    roundWindowHours: 24,
    workingDaysOnly: false,
    timeZone: 'Europe/Amsterdam',
    reminderLeadHours: 4,
    presenterCopy: true,
  };
  return { id, formatId: 'progress-focused', channel, title: 'Thursday peer consultation', createdBy: people.facilitator, facilitator: people.facilitator, presenter: people.presenter, members: [], settings };
}

/**
 * Who gives an input in each round of each rounds phase (by member index);
 * everyone else passes. A round beyond the plan is all passes, which ends the phase.
 */
const PLAN: Record<string, Array<(member: number) => boolean>> = {
  'factual-questions': [() => true, (m) => m % 2 === 0],
  appreciation: [() => true, (m) => m % 2 === 1],
  tips: [() => true, () => true, (m) => m < 5],
};

const WORDS = (
  'team sprint review meeting colleague manager client deadline feedback conflict silence trust ' +
  'decision priority workload stakeholder retrospective expectation planning boundary energy ' +
  'progress question listen notice tried wanted situation moment agreement clarity support ' +
  'because when after before during which whether really often never always together'
).split(' ');

/** A small seeded random generator (mulberry32), so every run plays the same sessions. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Text of `min`..`max` characters made of everyday words (as a person would write it). */
export function prose(random: () => number, min: number, max: number): string {
  const length = min + Math.floor(random() * (max - min + 1));
  let text = '';
  while (text.length < length) text += `${WORDS[Math.floor(random() * WORDS.length)] ?? 'and'} `;
  return `${text.slice(0, length - 1).trim()}.`;
}

/** The next thing someone at the table does, or null when the session has reached its end. */
export function nextMove(session: Session, people: People, random: () => number): { actor: UserId; body: CommandBody } | null {
  if (session.status === 'open') {
    // Everyone confirms the agreement (joining) before the facilitator starts, as the engine requires.
    const waiting = [people.facilitator, people.presenter, ...people.members].find((user) => !session.agreed.includes(user));
    if (waiting) return { actor: waiting, body: { kind: 'join' } };
    return { actor: people.facilitator, body: { kind: 'start' } };
  }
  if (session.status !== 'running') return null;
  const phase = currentPhase(session);
  const current = session.current;
  if (!phase || !current) return null;
  const presenter = people.presenter;
  switch (phase.kind) {
    case 'statement':
      return { actor: presenter, body: { kind: 'statement', phaseId: phase.id, text: prose(random, 1200, 2000) } };
    case 'rounds': {
      // The presenter answers each question right after it is asked.
      const unanswered = phase.answerable ? pendingAnswers(session, phase.id)[0] : undefined;
      if (unanswered) return { actor: presenter, body: { kind: 'answer', inputId: unanswered.id, text: prose(random, 100, 250) } };
      const holder = turnHolder(session);
      const round = current.round;
      if (!holder || !round) return null;
      const gives = PLAN[phase.id]?.[round.number - 1]?.(people.members.indexOf(holder)) ?? false;
      const where = { phaseId: phase.id, round: round.number };
      return gives
        ? { actor: holder, body: { kind: 'input', ...where, text: prose(random, 200, Math.min(300, phase.input.maxLength)) } }
        : { actor: holder, body: { kind: 'pass', ...where } };
    }
    case 'choice': {
      const from = phase.fromPhase ?? '';
      const items = inputsOf(session, from).map((input) => input.id);
      return { actor: presenter, body: { kind: 'pick', phaseId: phase.id, items: [items[0], items[3], items[7]].filter((i): i is string => i !== undefined) } };
    }
    case 'evaluation': {
      const given = session.evaluations[phase.id] ?? {};
      const next = evaluators(session).find((who) => given[who] === undefined);
      if (!next) return null;
      return { actor: next, body: { kind: 'evaluate', phaseId: phase.id, useful: random() < 0.8 ? 'yes' : 'partly', what: prose(random, 80, 200) } };
    }
    default:
      return null;
  }
}
