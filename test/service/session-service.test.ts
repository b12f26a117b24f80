import { ManualClock } from '../../src/clock';
import { formats } from '../../src/engine';
import { limitTimers } from '../../src/engine/limits';
import type { Command, Effect, Session } from '../../src/engine/session';
import { createLogger } from '../../src/logger';
import { RedisTimerStore } from '../../src/scheduler/redis-timer-store';
import type { Delivery, Eraser, Outbound, OutboundEffect } from '../../src/service/ports';
import { SessionService } from '../../src/service/session-service';
import { InFlight } from '../../src/shutdown';
import type { Beat, InstanceRegistry } from '../../src/store/instances';
import { RedisInstanceRegistry } from '../../src/store/redis/instances';
import { RedisSessionStore } from '../../src/store/redis/redis-session-store';
import type { PurgeRecord } from '../../src/store/session-store';
import { aSession } from '../store/session-fixture';
import { isolatedRedis } from '../support/redis';

/**
 * The session service on its own: real stores on Redis, and in place of
 * Slack two recording ports (the only fakes: they stand for the outside world).
 */

const iso = isolatedRedis(__filename);
afterAll(() => iso.cleanup());

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 0, 5, 9);
const quiet = createLogger('silent');

/** Records what reached "Slack"; `hold` makes deliveries wait until released, `failing` makes them throw. */
class RecordingOutbound implements Outbound {
  delivered: Array<{ session: string; effect: OutboundEffect['type']; seq: number }> = [];
  failing = false;
  private gate: Promise<void> | undefined;
  private open: (() => void) | undefined;

  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open?.();
    this.gate = undefined;
  }

  async deliver(session: Session, batch: readonly Delivery[]): Promise<void> {
    await this.gate;
    if (this.failing) throw Object.assign(new Error('Slack is away'), { code: 'slack_webapi_request_error' });
    for (const { effect } of batch) this.delivered.push({ session: session.id, effect: effect.type, seq: session.seq });
  }

  async redraw(): Promise<'done'> {
    return 'done';
  }
}

class RecordingEraser implements Eraser {
  purged: string[] = [];
  unreadable: string[] = [];
  finished: string[] = [];
  /** While set, a purge begins (its record written, as the real one does) and then waits. */
  slow: { store: RedisSessionStore; until: Promise<void> } | undefined;

  async purge(session: Session): Promise<void> {
    if (this.slow) {
      const { store, until } = this.slow;
      await store.beginPurge({ sessionId: session.id, channel: session.channel, formatId: session.formatId, people: 4, createdAt: T0, closedAt: T0, reason: 'facilitator' });
      await until;
    }
    this.purged.push(session.id);
  }

  async purgeUnreadable(sessionId: string): Promise<void> {
    this.unreadable.push(sessionId);
  }

  async finish(record: PurgeRecord): Promise<void> {
    this.finished.push(record.sessionId);
  }
}

/** Where a service keeps its sessions: its own prefix, unless it is one of several instances on the same one. */
const freshPrefix = (): string => `${iso.prefix}${Math.random().toString(36).slice(2, 8)}:`;

/** An instance's heartbeat that can die: from `die()` on, its beats never come back, as when its process is killed. */
class MortalRegistry implements InstanceRegistry {
  private dead = false;

  constructor(private readonly registry: InstanceRegistry) {}

  die(): void {
    this.dead = true;
  }

  beat(instance: string, windowMs: number): Promise<Beat> {
    return this.dead ? new Promise<Beat>(() => undefined) : this.registry.beat(instance, windowMs);
  }

  async leave(instance: string): Promise<void> {
    if (!this.dead) await this.registry.leave(instance);
  }
}

/** Two instances on one Redis, beating fast: one is silent for good 150 ms after its last beat. */
const FAST_BEAT = { beatMs: 25, windowMs: 150, graceMs: 1000 };

function setUp(limits: { idleDays: number; maxDays: number } = { idleDays: 7, maxDays: 30 }, shared?: { prefix: string }) {
  const connection = iso.connect();
  const prefix = shared?.prefix ?? freshPrefix();
  const store = new RedisSessionStore(connection, { prefix });
  const timers = new RedisTimerStore(connection, { prefix });
  const clock = new ManualClock(T0);
  const outbound = new RecordingOutbound();
  const eraser = new RecordingEraser();
  const inFlight = new InFlight();
  // Each run of an outbox starts by claiming it (its lease and its first read, in one call).
  let leases = 0;
  const claim = store.claimOutbox.bind(store);
  store.claimOutbox = (...args) => {
    leases += 1;
    return claim(...args);
  };
  const instances = new MortalRegistry(new RedisInstanceRegistry(connection, { prefix }));
  const liveness = shared ? { instances, liveness: FAST_BEAT } : {};
  const service = new SessionService({ store, timers, registry: formats, clock, logger: quiet, inFlight, outbound, eraser, ...limits, sweepIntervalMs: 60 * 60 * 1000, ...liveness });
  return { store, timers, clock, outbound, eraser, inFlight, service, instances, leases: () => leases };
}

/** Waits (for real, briefly) until `check` holds. */
async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 3000): Promise<void> {
  for (const until = Date.now() + timeoutMs; !(await check()); ) {
    if (Date.now() > until) throw new Error('not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const pause = (session: Session, id: string): Command => ({ id, actor: session.facilitator, seq: session.seq, kind: 'pause' });

describe('the session service', () => {
  it('runs committed effects through the ports in order, and writes timers itself, never through Slack', async () => {
    const { store, timers, outbound, inFlight, service } = setUp();
    const session = aSession({ createdAt: T0, updatedAt: T0 });
    const effects: Effect[] = [{ type: 'card' }, { type: 'schedule', timer: { kind: 'phase-deadline', phaseId: 'questions', at: T0 + DAY } }];
    expect(await service.create(session, effects)).toBe(true);
    await inFlight.idle();

    expect(outbound.delivered.map((d) => d.effect)).toEqual(['card']);
    const scheduled = (await timers.list(session.id)).map((t) => `${t.timer.kind}:${t.timer.phaseId ?? ''}`);
    expect(scheduled).toEqual(['phase-deadline:questions']);
    expect(await store.outbox(session.id)).toEqual([]);
  });

  it('coalesces kicks while a drain is running: one more pass, not one per kick, and every effect reaches Slack', async () => {
    const { outbound, inFlight, service, leases } = setUp();
    const session = aSession({ createdAt: T0, updatedAt: T0 });
    await service.create(session, [{ type: 'card' }]);
    await inFlight.idle();
    const before = leases();

    outbound.hold();
    const first = await service.dispatch(session.id, pause(session, 'c1'));
    expect(first.ok).toBe(true);
    // While the first drain waits on Slack, two more commands commit and kick.
    const paused = first.ok ? first.session : session;
    await service.dispatch(session.id, { id: 'c2', actor: session.facilitator, seq: paused.seq, kind: 'resume' });
    const resumed = await service.load(session.id);
    await service.dispatch(session.id, pause(resumed ?? session, 'c3'));
    outbound.release();
    await inFlight.idle();

    // The first run, and one more pass for both later kicks.
    expect(leases() - before).toBe(2);
    const seqs = outbound.delivered.filter((d) => d.effect === 'card').map((d) => d.seq);
    expect(seqs[seqs.length - 1]).toBe((resumed?.seq ?? 0) + 1);
  });

  it('keeps the outbox while Slack fails, and the recovery sweep delivers it later', async () => {
    const { store, outbound, inFlight, service } = setUp();
    const session = aSession({ createdAt: T0, updatedAt: T0 });
    outbound.failing = true;
    await service.create(session, [{ type: 'card' }]);
    await inFlight.idle();
    expect(outbound.delivered).toEqual([]);
    expect((await store.outbox(session.id)).length).toBe(1);

    outbound.failing = false;
    await service.sweep();
    expect(outbound.delivered.map((d) => d.effect)).toEqual(['card']);
    expect(await store.outbox(session.id)).toEqual([]);
  });

  it('the sweep resumes a purge left behind, with its timers cancelled first', async () => {
    const { store, timers, eraser, service } = setUp();
    const session = aSession({ createdAt: T0, updatedAt: T0 });
    await store.create(session, []);
    await timers.schedule({ sessionId: session.id, key: 'k', timer: { kind: 'phase-deadline', phaseId: 'questions', at: T0 + DAY } });
    await store.beginPurge({ sessionId: session.id, channel: session.channel, formatId: session.formatId, people: 4, createdAt: T0, closedAt: T0, reason: 'facilitator' });

    await service.sweep();
    expect(eraser.finished).toEqual([session.id]);
    expect(await timers.list(session.id)).toEqual([]);
  });

  it('the sweep does not start a second purge of a session whose purge is still running (e.g. waiting on rate limits)', async () => {
    const { store, eraser, inFlight, service } = setUp();
    const session = aSession({ createdAt: T0, updatedAt: T0 });
    await service.create(session, []);
    await inFlight.idle();
    let release: () => void = () => undefined;
    eraser.slow = { store, until: new Promise<void>((resolve) => (release = resolve)) };
    await service.dispatch(session.id, { id: 'close', actor: session.facilitator, seq: session.seq, kind: 'close', reason: 'facilitator' });
    // The purge has begun and waits; its record is pending, as after a crash.
    for (let i = 0; i < 50 && (await store.pendingPurges()).length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await store.pendingPurges()).map((r) => r.sessionId)).toEqual([session.id]);

    await service.sweep();
    expect(eraser.finished).toEqual([]);

    release();
    await inFlight.idle();
    expect(eraser.purged).toEqual([session.id]);
  });

  it('an idle session is closed by its idle check; one with activity since is looked at again later', async () => {
    const { clock, timers, eraser, inFlight, service } = setUp();
    const quietOne = aSession({ createdAt: T0, updatedAt: T0, limits: { idleDays: 7, maxDays: 30 } });
    const busyOne = aSession({ createdAt: T0, updatedAt: T0, limits: { idleDays: 7, maxDays: 30 } });
    // What the engine's newSession schedules at creation.
    await service.create(quietOne, limitTimers(quietOne).map((timer) => ({ type: 'schedule', timer })));
    await service.create(busyOne, limitTimers(busyOne).map((timer) => ({ type: 'schedule', timer })));
    clock.advance(5 * DAY);
    await service.dispatch(busyOne.id, pause(busyOne, 'busy'));
    await inFlight.idle();

    clock.advance(2 * DAY + 1);
    await service.scheduler.tick();
    await inFlight.idle();

    expect(eraser.purged).toEqual([quietOne.id]);
    // Closed by the system for being idle (the recording eraser leaves the record that the real one drops).
    expect((await service.load(quietOne.id))?.closing).toMatchObject({ by: 'system', reason: 'idle' });
    const idleCheck = (await timers.list(busyOne.id)).find((t) => t.timer.kind === 'idle' && t.timer.stage === 'idle');
    expect(idleCheck?.timer.at).toBe(T0 + 5 * DAY + 7 * DAY);
  });

  it('a session stored before sessions kept their limits is judged by the configured ones, not the defaults', async () => {
    const { clock, eraser, inFlight, service } = setUp({ idleDays: 3, maxDays: 10 });
    const legacy = aSession({ createdAt: T0, updatedAt: T0 });
    expect(legacy.limits).toBeUndefined();
    await service.create(legacy, [{ type: 'schedule', timer: { kind: 'idle', stage: 'idle', at: T0 + 3 * DAY } }]);
    await inFlight.idle();
    clock.advance(3 * DAY + 1);
    await service.scheduler.tick();
    await inFlight.idle();

    expect(eraser.purged).toEqual([legacy.id]);
    expect(await service.load(legacy.id)).toMatchObject({ limits: { idleDays: 3, maxDays: 10 }, closing: { reason: 'idle' } });
  });
});

describe('two instances on one Redis, one of which dies', () => {
  const running: Array<{ service: SessionService }> = [];
  afterEach(async () => {
    for (const { service } of running.splice(0)) await service.stop();
  });

  async function twoInstances() {
    const shared = { prefix: freshPrefix() };
    const a = setUp(undefined, shared);
    const b = setUp(undefined, shared);
    for (const instance of [a, b]) {
      instance.service.start();
      running.push(instance);
    }
    // Their start-up sweeps are done, so what follows is the only work there is.
    await Promise.all([a.inFlight.idle(), b.inFlight.idle()]);
    return { a, b };
  }

  it("the other takes over the dead one's sessions at once, and their effects run once", async () => {
    const { a, b } = await twoInstances();
    const session = aSession({ createdAt: T0, updatedAt: T0 });
    // A commits and starts delivering, and dies while Slack keeps it waiting: its lease is held by nobody alive.
    a.outbound.hold();
    await a.service.create(session, [{ type: 'card' }]);
    // Well past the window, B takes nothing while A beats.
    await new Promise((resolve) => setTimeout(resolve, 4 * FAST_BEAT.windowMs));
    expect(b.outbound.delivered).toEqual([]);
    expect(await b.store.pendingSessions()).toEqual([session.id]);

    const died = Date.now();
    a.instances.die();
    await eventually(() => b.outbound.delivered.length > 0);
    expect(Date.now() - died).toBeLessThan(1500);
    expect(b.outbound.delivered.map((d) => d.effect)).toEqual(['card']);
    expect(a.outbound.delivered).toEqual([]);
    await eventually(async () => (await b.store.pendingSessions()).length === 0);
  });

  it("a purge waiting on Slack in a live instance is never started again by the other's sweeps; once its instance dies, the other finishes it", async () => {
    const { a, b } = await twoInstances();
    const session = aSession({ createdAt: T0, updatedAt: T0 });
    await a.service.create(session, []);
    await a.inFlight.idle();
    a.eraser.slow = { store: a.store, until: new Promise<void>(() => undefined) };
    await a.service.dispatch(session.id, { id: 'close', actor: session.facilitator, seq: session.seq, kind: 'close', reason: 'facilitator' });
    await eventually(async () => (await b.store.pendingPurges()).length === 1);

    for (let i = 0; i < 5; i += 1) {
      await b.service.sweep();
      await new Promise((resolve) => setTimeout(resolve, FAST_BEAT.windowMs / 2));
    }
    expect(b.eraser.finished).toEqual([]);

    a.instances.die();
    await eventually(() => b.eraser.finished.length > 0);
    expect(b.eraser.finished).toEqual([session.id]);
  });
});
