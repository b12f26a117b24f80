/**
 * A test table for the engine: a session, a clock and the people around it.
 * Every command goes through decide() with a deep-frozen session, so a rule
 * that mutated its input would throw here.
 */
import { decide } from '../../src/engine/decide';
import type { FormatRegistry } from '../../src/engine/formats';
import { formats } from '../../src/engine/formats';
import { newSession } from '../../src/engine/new-session';
import {
  SYSTEM,
  type Accepted,
  type Actor,
  type CommandBody,
  type Effect,
  type Mode,
  type Outcome,
  type Rejection,
  type Session,
  type SessionLimits,
  type Settings,
  type Timer,
  type CaseProposal,
} from '../../src/engine/session';

export const FACILITATOR = 'UFACI';
export const PRESENTER = 'UPRES';
export const ANNA = 'UANNA';
export const BEN = 'UBEN';
export const CARA = 'UCARA';
export const DAN = 'UDAN';
export const OUTSIDER = 'UOUTS';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** Monday 2 June 2025, 09:00 UTC: a working day. */
export const MONDAY_9 = Date.UTC(2025, 5, 2, 9);

/** Recursively freezes a value, so any attempt to change it throws in strict mode. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

export interface TableOptions {
  format?: string;
  mode?: Mode;
  members?: string[];
  facilitatorIsMember?: boolean;
  settings?: Partial<Settings>;
  registry?: FormatRegistry;
  now?: number;
  /** Who confirmed the agreement before the first command (default: everyone named, as if all had joined). */
  agreed?: string[];
  /** Idle and max-age periods (default: the engine's). */
  limits?: SessionLimits;
  /** A group's meeting without a fixed presenter: the cases proposed for it (the presenter is chosen at the start). */
  proposals?: CaseProposal[];
}

/** Settings as the creation modal would give them. */
export function settingsFor(mode: Mode, overrides: Partial<Settings> = {}): Settings {
  return {
    mode,
    facilitatorIsMember: false,
    timeboxMinutes: {},
    roundWindowHours: 24,
    workingDaysOnly: false,
    timeZone: 'Europe/Amsterdam',
    reminderLeadHours: 4,
    presenterCopy: true,
    ...overrides,
  };
}

export class Table {
  session: Session;
  now: number;
  /** Effects of the last accepted command. */
  effects: Effect[] = [];
  readonly registry: FormatRegistry;
  private counter = 0;

  constructor(options: TableOptions = {}) {
    this.registry = options.registry ?? formats;
    this.now = options.now ?? MONDAY_9;
    const mode = options.mode ?? 'live';
    const created = newSession(
      {
        id: 'S1',
        formatId: options.format ?? 'progress-focused',
        channel: 'C1',
        title: 'Tuesday intervision',
        createdBy: FACILITATOR,
        facilitator: FACILITATOR,
        ...(options.proposals ? { proposals: options.proposals, group: { id: 'G1', slot: '2025-06-03' } } : { presenter: PRESENTER }),
        members: options.members ?? [ANNA, BEN, CARA],
        settings: settingsFor(mode, { facilitatorIsMember: options.facilitatorIsMember ?? false, ...options.settings }),
        agreed: options.agreed ?? [FACILITATOR, PRESENTER, ...(options.members ?? [ANNA, BEN, CARA])],
        ...(options.limits ? { limits: options.limits } : {}),
      },
      this.now,
      this.registry,
    );
    this.session = created.session;
    this.effects = created.effects;
  }

  /** Sends a command as `actor`, with the seq the person saw (default: the current one). */
  send(actor: Actor, body: CommandBody, options: { seq?: number; id?: string } = {}): Outcome {
    this.counter += 1;
    const command = { ...body, id: options.id ?? `cmd-${this.counter}`, actor, seq: options.seq ?? this.session.seq };
    const outcome = decide(deepFreeze(this.session), command, this.now, this.registry);
    if (outcome.ok) {
      this.session = outcome.session;
      this.effects = outcome.effects;
    }
    return outcome;
  }

  /** Sends a command that must be accepted. */
  ok(actor: Actor, body: CommandBody, options: { seq?: number; id?: string } = {}): Accepted {
    const outcome = this.send(actor, body, options);
    if (!outcome.ok) throw new Error(`expected ${body.kind} by ${actor} to be accepted, got ${outcome.code}: ${outcome.key}`);
    return outcome;
  }

  /** Sends a command that must be turned down; checks the session did not change. */
  no(actor: Actor, body: CommandBody, options: { seq?: number; id?: string } = {}): Rejection {
    const before = this.session;
    const outcome = this.send(actor, body, options);
    if (outcome.ok) throw new Error(`expected ${body.kind} by ${actor} to be rejected, but it was accepted`);
    expect(this.session).toBe(before);
    return outcome;
  }

  /** Lets time pass. */
  wait(ms: number): void {
    this.now += ms;
  }

  /** The scheduler fires a timer. */
  fire(timer: Timer): Outcome {
    return this.send(SYSTEM, { kind: 'timer', timer });
  }

  /** Timers the last command asked to schedule. */
  scheduled(): Timer[] {
    return this.effects.flatMap((effect) => (effect.type === 'schedule' ? [effect.timer] : []));
  }

  /** Starts the session (facilitator). */
  start(): Accepted {
    return this.ok(FACILITATOR, { kind: 'start' });
  }

  get phaseId(): string | undefined {
    return this.session.current?.id;
  }

  get roundNo(): number {
    return this.session.current?.round?.number ?? 0;
  }

  /** A member gives an input in the open round of the current phase. */
  input(actor: string, text: string): Accepted {
    return this.ok(actor, { kind: 'input', phaseId: this.phaseId ?? '', round: this.roundNo, text });
  }

  /** A member passes in the open round of the current phase. */
  pass(actor: string): Accepted {
    return this.ok(actor, { kind: 'pass', phaseId: this.phaseId ?? '', round: this.roundNo });
  }

  /** Several members pass, in this order. */
  allPass(...actors: string[]): void {
    for (const actor of actors) this.pass(actor);
  }

  /** The input ids of a phase. */
  inputIds(phaseId: string): string[] {
    return this.session.inputs.filter((input) => input.phaseId === phaseId).map((input) => input.id);
  }

  /**
   * A session stored before consent came first (an earlier release started
   * it without asking): it stands in its agreement phase while `unagreed`
   * have not confirmed the agreement.
   */
  inAgreementBeforeConsent(unagreed: string[]): void {
    const format = this.registry.require(this.session.formatId);
    const index = format.phases.findIndex((phase) => phase.kind === 'agreement');
    const phase = format.phases[index];
    if (!phase) throw new Error(`${format.id} has no agreement phase`);
    if (this.session.status === 'open') this.start();
    this.session = {
      ...this.session,
      phaseIndex: index,
      current: { id: phase.id, startedAt: this.now, roundsClosed: 0, notices: [] },
      agreed: this.session.agreed.filter((user) => !unagreed.includes(user)),
    };
  }

  /** The facilitator moves on to the next phase. */
  nextPhase(): Accepted {
    return this.ok(FACILITATOR, { kind: 'next-phase', phaseId: this.phaseId ?? '' });
  }
}

/** A realistic input of about 300 characters. */
export function words(seed: string, length = 300): string {
  const base = `${seed}: what did you notice when the team stopped talking in the retrospective, and how did you decide what to do next? `;
  return base.repeat(Math.ceil(length / base.length)).slice(0, length).trim();
}
