/**
 * Random commands for the property tests: intents drawn by fast-check and
 * turned into commands aimed at the session's current state most of the
 * time (the right phase, the turn holder, an input of the open round), and
 * at anything at all the rest of the time.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formats, registryOf } from '../../src/engine/formats';
import { Format } from '../../src/engine/formats/schema';
import { currentPhase, participants, pendingInRound, pickCandidates, turnHolder } from '../../src/engine/queries';
import { SYSTEM, type CommandBody, type CommandKind, type Session, type Timer } from '../../src/engine/session';
import { newSession } from '../../src/engine/new-session';
import { FACILITATOR, PRESENTER, settingsFor } from './table';

const fishbowl = Format.parse(JSON.parse(readFileSync(join(__dirname, 'fixtures/fishbowl.json'), 'utf8')));
export const registry = registryOf([...formats.list(), fishbowl]);
const FORMAT_IDS = registry.list().map((f) => f.id);
export const POOL = ['UM1', 'UM2', 'UM3', 'UM4', 'UM5'];
const OUTSIDERS = ['UOUT1', 'UOUT2'];
const EVERYONE = [FACILITATOR, PRESENTER, ...POOL, ...OUTSIDERS, SYSTEM];

// Frequent kinds appear more than once, so sessions get somewhere.
const KINDS: CommandKind[] = [
  'start', 'join', 'leave', 'agree', 'agree', 'input', 'input', 'input', 'input', 'input', 'pass', 'pass', 'pass', 'pass', 'pass',
  'edit', 'withdraw', 'answer', 'answer', 'statement', 'statement', 'pick', 'pick', 'evaluate', 'evaluate', 'skip',
  'next-phase', 'remove', 'extend', 'close-round', 'pause', 'resume', 'resume', 'presenter-copy', 'timer', 'timer', 'timer',
  'set-members', 'nudges', 'answer-pass', 'hide', 'ask-clarification', 'clarify', 'clarify',
  'vote', 'vote', 'vote', 'close-vote', 'pick-case', 'propose-case', 'withdraw-case', 'release-case',
];
const FACILITATOR_KINDS = new Set<CommandKind>([
  'start', 'next-phase', 'skip', 'remove', 'set-members', 'extend', 'close-round', 'pause', 'resume', 'close', 'hide', 'ask-clarification', 'close-vote', 'pick-case',
]);
const PRESENTER_KINDS = new Set<CommandKind>(['answer', 'answer-pass', 'statement', 'pick', 'presenter-copy']);
const TEXTS = ['A short, kind input.', '  padded  ', '', '   ', 'x'.repeat(2500), 'Why did you choose that?'];

export interface Intent {
  kind: CommandKind;
  rightActor: boolean;
  actorIx: number;
  pick: number;
  flag: boolean;
  textIx: number;
  seqMode: 'current' | 'old' | 'future';
  repeatLast: boolean;
  waitMinutes: number;
}

const intentArb: fc.Arbitrary<Intent> = fc.record({
  // Close ends everything, so it comes rarely.
  kind: fc.oneof({ arbitrary: fc.constantFrom(...KINDS), weight: 150 }, { arbitrary: fc.constant<CommandKind>('close'), weight: 1 }),
  rightActor: fc.nat({ max: 4 }).map((x) => x !== 0),
  actorIx: fc.nat(),
  pick: fc.nat(),
  flag: fc.boolean(),
  textIx: fc.nat({ max: TEXTS.length - 1 }),
  seqMode: fc.constantFrom<Intent['seqMode']>('current', 'current', 'current', 'current', 'current', 'current', 'current', 'current', 'old', 'future'),
  repeatLast: fc.nat({ max: 7 }).map((x) => x === 0),
  waitMinutes: fc.constantFrom(0, 0, 1, 5, 30, 240, 1500),
});

export const scenarioArb = fc.record({
  formatId: fc.constantFrom(...FORMAT_IDS),
  // 'call': live, on a call (inputs and answers may be spoken).
  mode: fc.constantFrom<'live' | 'call' | 'async'>('live', 'call', 'async'),
  facilitatorIsMember: fc.boolean(),
  memberCount: fc.integer({ min: 2, max: POOL.length }),
  // Who confirmed the agreement before the first command: mostly everyone, sometimes only some (a bit per person).
  agreedMask: fc.oneof({ arbitrary: fc.constant(-1), weight: 3 }, { arbitrary: fc.nat({ max: 127 }), weight: 2 }),
  startFirst: fc.nat({ max: 9 }).map((x) => x !== 0),
  // A group's meeting: no presenter until the case is chosen from the cases proposed (the future presenter's and UM1's).
  groupMeeting: fc.nat({ max: 3 }).map((x) => x === 0),
  intents: fc.array(intentArb, { minLength: 1, maxLength: 120, size: 'max' }),
});

export type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

/** Who of the scenario's people confirmed the agreement in advance. */
function agreedOf(scenario: Scenario): string[] {
  const people = [FACILITATOR, PRESENTER, ...POOL.slice(0, scenario.memberCount)];
  return people.filter((_, i) => scenario.agreedMask === -1 || ((scenario.agreedMask >> i) & 1) === 1);
}

/** The session a scenario starts from: its format, mode and members, created at `now`. */
export function sessionFor(scenario: Scenario, now: number): Session {
  return newSession(
    {
      id: 'S1',
      formatId: scenario.formatId,
      channel: 'C1',
      title: 'Random',
      createdBy: FACILITATOR,
      facilitator: FACILITATOR,
      ...(scenario.groupMeeting
        ? { proposals: [{ id: 'g1', author: PRESENTER, title: 'A case', at: now }, { id: 'g2', author: 'UM1', at: now }], group: { id: 'G1', slot: '2025-06-02' } }
        : { presenter: PRESENTER }),
      members: scenario.groupMeeting ? [PRESENTER, ...POOL.slice(0, scenario.memberCount)] : POOL.slice(0, scenario.memberCount),
      settings: settingsFor(scenario.mode === 'call' ? 'live' : scenario.mode, {
        facilitatorIsMember: scenario.facilitatorIsMember,
        workingDaysOnly: scenario.mode === 'async',
        ...(scenario.mode === 'call' ? { onCall: true } : {}),
      }),
      agreed: agreedOf(scenario),
    },
    now,
    registry,
  ).session;
}

const PHASE_ACTIONS = new Set<CommandKind>(['input', 'pass', 'statement', 'pick', 'evaluate', 'agree']);

/** Often turns a phase action into the one the current phase needs, so random sessions get somewhere. */
export function steer(session: Session, intent: Intent): Intent {
  if (!intent.flag || !PHASE_ACTIONS.has(intent.kind)) return intent;
  const phase = currentPhase(session, registry);
  const kinds: Partial<Record<string, CommandKind>> = {
    rounds: intent.pick % 3 === 0 ? 'pass' : 'input',
    statement: 'statement',
    choice: 'pick',
    evaluation: 'evaluate',
    agreement: 'agree',
  };
  return { ...intent, kind: (phase && kinds[phase.kind]) ?? intent.kind };
}

/** The input an intent is about: often one of the open round, so edits and withdrawals can succeed. */
function inputFor(session: Session, intent: Intent): Session['inputs'][number] | undefined {
  // A clarification follows a request for one: aim at an input that has it.
  const asked = session.inputs.filter((i) => i.clarification && i.clarification.text === undefined);
  if (intent.kind === 'clarify' && intent.flag && asked.length > 0) return asked[intent.pick % asked.length];
  const round = session.current?.round;
  const open = session.inputs.filter((i) => i.phaseId === session.current?.id && i.round === round?.number);
  const from = intent.flag && open.length > 0 ? open : session.inputs;
  return from[intent.pick % Math.max(1, from.length)];
}

/** The case an intent is about, in a group's meeting. */
function proposalFor(session: Session, intent: Intent): { id: string; author: string } | undefined {
  const proposals = session.selection?.proposals ?? [];
  return proposals[intent.pick % Math.max(1, proposals.length)];
}

/** Who sends the intent: the one the rule expects, or anyone at all. */
export function actorFor(session: Session, intent: Intent): string {
  if (!intent.rightActor) return EVERYONE[intent.actorIx % EVERYONE.length] ?? FACILITATOR;
  if (intent.kind === 'timer') return SYSTEM;
  if (FACILITATOR_KINDS.has(intent.kind)) return FACILITATOR;
  if (PRESENTER_KINDS.has(intent.kind)) return session.presenter ?? PRESENTER;
  if (intent.kind === 'edit' || intent.kind === 'withdraw' || intent.kind === 'clarify') return inputFor(session, intent)?.author ?? PRESENTER;
  if (intent.kind === 'withdraw-case' || intent.kind === 'release-case') return proposalFor(session, intent)?.author ?? PRESENTER;
  const round = session.current?.round;
  const waiting = round ? pendingInRound(session, round) : [...(session.presenter ? [session.presenter] : []), ...session.members];
  const holder = turnHolder(session);
  if (holder && intent.flag) return holder;
  return waiting[intent.pick % Math.max(1, waiting.length)] ?? PRESENTER;
}

/** The session's participants who have not confirmed the agreement. */
function unagreed(session: Session): string[] {
  return participants(session).filter((user) => !session.agreed.includes(user));
}

/** Turns an intent into a concrete command body, aimed at the current state most of the time. */
export function bodyFor(session: Session, intent: Intent, timers: Timer[]): CommandBody {
  const format = registry.require(session.formatId);
  const phaseId = intent.flag || intent.pick % 4 !== 0 ? (session.current?.id ?? 'none') : (format.phases[intent.pick % format.phases.length]?.id ?? 'none');
  const round = (session.current?.round?.number ?? 1) + (intent.pick % 5 === 0 ? 1 : 0);
  const inputId = inputFor(session, intent)?.id ?? 'i999';
  const text = TEXTS[intent.textIx] ?? '';
  const member = [...session.members, ...POOL][intent.pick % (session.members.length + POOL.length)] ?? 'UM1';
  switch (intent.kind) {
    case 'start':
      // The facilitator confirms taking off whoever has not agreed (flag), or starts without confirming.
      return intent.flag ? { kind: 'start', without: unagreed(session) } : { kind: 'start' };
    case 'set-members':
      return { kind: 'set-members', members: [...POOL, ...OUTSIDERS].filter((_, i) => (intent.pick >> i) % 2 === 1) };
    case 'join':
    case 'leave':
    case 'agree':
    case 'pause':
    case 'resume':
      return { kind: intent.kind };
    case 'input':
      return intent.pick % 6 === 0 ? { kind: 'input', phaseId, round } : { kind: 'input', phaseId, round, text };
    case 'pass':
      return { kind: 'pass', phaseId, round };
    case 'edit':
      return { kind: 'edit', inputId, text };
    case 'withdraw':
      return { kind: 'withdraw', inputId };
    case 'answer':
      // Without text: answered aloud on a call (and refused in writing).
      return intent.flag ? { kind: 'answer', inputId } : { kind: 'answer', inputId, text };
    case 'answer-pass':
      return { kind: 'answer-pass', inputId };
    case 'hide':
      return { kind: 'hide', inputId, reason: intent.flag ? (format.hideReasons[intent.pick % format.hideReasons.length]?.id ?? 'none') : 'no-such-reason' };
    case 'ask-clarification':
      return { kind: 'ask-clarification', inputId };
    case 'clarify':
      return { kind: 'clarify', inputId, text };
    case 'statement':
      return intent.flag ? { kind: 'statement', phaseId, text } : { kind: 'statement', phaseId };
    case 'pick': {
      const phase = currentPhase(session, registry);
      const candidates = phase?.kind === 'choice' ? pickCandidates(session, phase) : [];
      const items = candidates.filter((_, i) => (intent.pick >> i) % 2 === 1);
      const named = intent.pick % 5 === 0 ? { named: text } : {};
      return { kind: 'pick', phaseId, items: intent.flag ? items.slice(0, 1) : [...items, ...(intent.pick % 7 === 0 ? ['i999'] : [])], ...named };
    }
    case 'evaluate':
      return { kind: 'evaluate', phaseId, useful: (['yes', 'partly', 'no'] as const)[intent.pick % 3] ?? 'yes', what: intent.flag ? text : undefined };
    case 'skip':
      return { kind: 'skip', phaseId, round, member: intent.flag ? (turnHolder(session) ?? member) : member };
    case 'next-phase':
      return intent.flag ? { kind: 'next-phase', phaseId, without: unagreed(session) } : { kind: 'next-phase', phaseId };
    case 'remove':
      return { kind: 'remove', member };
    case 'extend':
      return { kind: 'extend', phaseId, minutes: intent.flag ? 5 : 0 };
    case 'close-round':
      return { kind: 'close-round', phaseId, round };
    case 'presenter-copy':
      return { kind: 'presenter-copy', on: intent.flag };
    case 'nudges':
      return { kind: 'nudges', via: intent.flag ? 'dm' : 'thread' };
    case 'close':
      return { kind: 'close', reason: intent.flag ? 'facilitator' : 'idle' };
    case 'timer':
      return { kind: 'timer', timer: timers[intent.pick % Math.max(1, timers.length)] ?? { kind: 'idle', at: 0 } };
    // A group's meeting's case selection (refused, changing nothing, in a session with a fixed presenter).
    case 'vote':
    case 'pick-case':
    case 'withdraw-case':
      return { kind: intent.kind, proposalId: proposalFor(session, intent)?.id ?? 'g9' };
    case 'close-vote':
      return { kind: 'close-vote' };
    case 'propose-case':
      return intent.flag ? { kind: 'propose-case', title: text } : { kind: 'propose-case' };
    case 'release-case':
      return { kind: 'release-case', proposalId: proposalFor(session, intent)?.id ?? 'g9', carry: intent.flag };
  }
}
