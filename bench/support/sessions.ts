/**
 * Plays benchmark sessions through the real dispatch path and collects what
 * each dispatch cost: time, and (when asked) the Redis traffic it caused.
 */
import { systemClock } from '../../src/clock';
import { newSession } from '../../src/engine/new-session';
import type { Command, Session } from '../../src/engine/session';
import type { Dispatcher } from '../../src/service/dispatch';
import type { SessionStore } from '../../src/store/session-store';
import { measure } from './counting-redis';
import { newSessionParams, nextMove, peopleOf, seeded } from './players';

/** What a run saw, per dispatch. */
export interface Samples {
  latencyMs: number[];
  commands: number;
  roundTrips: number;
  mostRoundTrips: number;
  byName: Map<string, number>;
}

export function emptySamples(): Samples {
  return { latencyMs: [], commands: 0, roundTrips: 0, mostRoundTrips: 0, byName: new Map() };
}

export interface PlayOptions {
  /** Count each dispatch's Redis traffic (AsyncLocalStorage: costs the bot about a tenth of its speed, so not in timed runs). */
  traffic?: boolean;
  /** Time the group takes before each move (ms); none: the next move goes as soon as the last is committed. */
  thinkMs?: () => number;
}

/** The id of benchmark session number `s`. */
export function benchSessionId(s: number): string {
  return `bench-${s.toString().padStart(6, '0')}`;
}

/** Creates session number `s` as the creation modal would (not counted: it is not a transition). */
export async function createSession(s: number, store: SessionStore): Promise<Session> {
  const created = newSession(newSessionParams(benchSessionId(s), `C0BENCH${s.toString(36).toUpperCase()}`, peopleOf(s)), systemClock.now());
  if (!(await store.create(created.session, created.effects))) throw new Error(`session ${created.session.id} exists already`);
  return created.session;
}

/**
 * Plays session number `s` from where `start` stands to its end, one move at
 * a time; every dispatch goes into `samples`. Between moves only the next move
 * is kept, not the session, as a bot process keeps no session between clicks
 * (holding 200 sessions across moves would make the garbage collector, not the
 * bot, the thing measured). Returns the last session's id, seq and status.
 */
export async function playSession(s: number, start: Session, dispatcher: Dispatcher, samples: Samples, options: PlayOptions = {}): Promise<{ id: string; seq: number; status: Session['status'] }> {
  const people = peopleOf(s);
  const random = seeded(s + 1);
  const id = start.id;
  let seq = start.seq;
  let status = start.status;
  let move = nextMove(start, people, random);
  let transitions = 0;
  while (move) {
    if (options.thinkMs) await new Promise((resolve) => setTimeout(resolve, options.thinkMs?.()));
    // Command ids as the Slack layer derives them: who acted, and when.
    const command: Command = { ...move.body, id: `${move.actor}-${Date.now()}.${transitions}`, actor: move.actor, seq };
    const started = performance.now();
    const { result, traffic } = options.traffic
      ? await measure(() => dispatcher.dispatch(id, command))
      : { result: await dispatcher.dispatch(id, command), traffic: undefined };
    samples.latencyMs.push(performance.now() - started);
    if (!result.ok || result.duplicate) {
      const why = result.ok ? 'a duplicate' : result.code;
      throw new Error(`session ${id}: ${command.kind} by ${command.actor} was not accepted (${why}): the players are out of step with the engine`);
    }
    ({ seq, status } = result.session);
    move = nextMove(result.session, people, random);
    transitions += 1;
    if (traffic) {
      samples.commands += traffic.commands;
      samples.roundTrips += traffic.roundTrips;
      samples.mostRoundTrips = Math.max(samples.mostRoundTrips, traffic.roundTrips);
      for (const [name, n] of traffic.byName) samples.byName.set(name, (samples.byName.get(name) ?? 0) + n);
    }
  }
  if (status !== 'ended') throw new Error(`session ${id} stopped in status ${status}, not at its end`);
  return { id, seq, status };
}

/** Creates sessions `first` .. `first + count - 1` (not timed: creation is not a transition). */
export function createMany(first: number, count: number, store: SessionStore): Promise<Array<{ s: number; session: Session }>> {
  return Promise.all(Array.from({ length: count }, async (_, i) => ({ s: first + i, session: await createSession(first + i, store) })));
}

/** Plays the created sessions all at once; returns their ids, the wall time and the process's CPU time. */
export async function playMany(created: ReadonlyArray<{ s: number; session: Session }>, dispatcher: Dispatcher, samples: Samples, options: PlayOptions = {}): Promise<{ ids: string[]; elapsedMs: number; cpuUs: number }> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const ended = await Promise.all(created.map(({ s, session }) => playSession(s, session, dispatcher, samples, options)));
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { ids: ended.map((e) => e.id), elapsedMs, cpuUs: cpu.user + cpu.system };
}
