/**
 * Sessions per workspace, at the service's boundary: with many workspaces a
 * session belongs to the one whose request created it, and a request of
 * another workspace reaches nothing of it (commands, reads, lookups by
 * channel, event claims), whatever ids it carries. With one workspace nothing
 * changes. An uninstall closes every session of its workspace at once and
 * drops what was stored, and no other workspace's. Real Redis; the ports to
 * Slack are the only stand-ins.
 */
import { ManualClock } from '../../src/clock';
import { formats } from '../../src/engine';
import type { Command, Session } from '../../src/engine/session';
import { createLogger } from '../../src/logger';
import { RedisTimerStore } from '../../src/scheduler/redis-timer-store';
import type { Delivery, Eraser, Outbound } from '../../src/service/ports';
import { SessionService } from '../../src/service/session-service';
import { inWorkspace, type Workspaces } from '../../src/service/workspace';
import { InFlight } from '../../src/shutdown';
import { RedisSessionStore } from '../../src/store/redis/redis-session-store';
import { aSession } from '../store/session-fixture';
import { isolatedRedis } from '../support/redis';

const iso = isolatedRedis(__filename);
afterAll(() => iso.cleanup());

const T0 = Date.UTC(2026, 0, 5, 9);
const DAY = 24 * 60 * 60 * 1000;
const A = 'T0AAAA';
const B = 'T0BBBB';

class QuietOutbound implements Outbound {
  delivered: string[] = [];

  async deliver(session: Session, batch: readonly Delivery[]): Promise<void> {
    for (const { effect } of batch) this.delivered.push(`${session.team ?? '-'}:${effect.type}`);
  }

  async redraw(): Promise<'done'> {
    return 'done';
  }
}

const eraser: Eraser = { purge: async () => undefined, purgeUnreadable: async () => undefined, finish: async () => undefined };

function setUp(workspaces: Workspaces) {
  const connection = iso.connect();
  const prefix = `${iso.prefix}${Math.random().toString(36).slice(2, 8)}:`;
  const store = new RedisSessionStore(connection, { prefix });
  const timers = new RedisTimerStore(connection, { prefix });
  const inFlight = new InFlight();
  const outbound = new QuietOutbound();
  const service = new SessionService({
    store, timers, registry: formats, clock: new ManualClock(T0), logger: createLogger('silent'), inFlight, outbound, eraser,
    idleDays: 7, maxDays: 30, sweepIntervalMs: 60 * 60 * 1000, workspaces,
  });
  return { store, timers, inFlight, outbound, service };
}

const pause = (session: Session, id: string): Command => ({ id, actor: session.facilitator, seq: session.seq, kind: 'pause' });

/** A session created by a request of `team`, in channel C1 (the same channel id in every workspace). */
async function createIn(service: SessionService, team: string): Promise<Session> {
  const session = aSession({ channel: 'C1', createdAt: T0, updatedAt: T0 });
  expect(await inWorkspace(team, () => service.create(session, [{ type: 'card' }]))).toBe(true);
  return session;
}

describe('sessions of many workspaces', () => {
  it('a session takes the workspace of the request that created it, and its effects run for that workspace', async () => {
    const { store, inFlight, outbound, service } = setUp('many');
    const session = await createIn(service, A);
    await inFlight.idle();
    expect((await store.load(session.id))?.team).toBe(A);
    expect(await store.teamOf(session.id)).toBe(A);
    expect(outbound.delivered).toEqual([`${A}:card`]);
  });

  it('another workspace cannot change, read or find it, whatever ids it sends, and is told kindly', async () => {
    const { store, service } = setUp('many');
    const session = await createIn(service, A);
    const before = await store.load(session.id);

    const refused = await inWorkspace(B, () => service.dispatch(session.id, pause(session, 'b1')));
    expect(refused).toEqual({ ok: false, code: 'other-workspace' });
    expect(await store.load(session.id)).toEqual(before);
    expect(await inWorkspace(B, () => service.load(session.id))).toBeNull();
    expect(await inWorkspace(B, () => service.card(session.id))).toBeUndefined();
    expect(await inWorkspace(B, () => service.openSessions('C1'))).toEqual([]);
    expect(await inWorkspace(B, () => service.redraw(session.id))).toBe('missing');

    // Its own workspace still can.
    expect((await inWorkspace(A, () => service.openSessions('C1'))).map((s) => s.id)).toEqual([session.id]);
    expect((await inWorkspace(A, () => service.load(session.id)))?.id).toBe(session.id);
    expect((await inWorkspace(A, () => service.dispatch(session.id, pause(session, 'a1')))).ok).toBe(true);
  });

  it('a request that names no workspace reaches nothing and creates nothing', async () => {
    const { store, service } = setUp('many');
    const session = await createIn(service, A);
    expect(await service.dispatch(session.id, pause(session, 'x1'))).toMatchObject({ ok: false, code: 'other-workspace' });
    expect(await service.load(session.id)).toBeNull();
    expect(await service.openSessions('C1')).toEqual([]);
    const orphan = aSession({ channel: 'C1' });
    expect(await service.create(orphan, [])).toBe(false);
    expect(await store.load(orphan.id)).toBeNull();
  });

  it('two workspaces may send the same event id: each takes its own once', async () => {
    const { service } = setUp('many');
    expect(await inWorkspace(A, () => service.claimEvent('Ev0000000001'))).toBe(true);
    expect(await inWorkspace(B, () => service.claimEvent('Ev0000000001'))).toBe(true);
    expect(await inWorkspace(A, () => service.claimEvent('Ev0000000001'))).toBe(false);
  });

  it("an uninstall closes every session of its workspace at once, drops what was stored and cancels its timers; the other workspace's stay", async () => {
    const { store, timers, inFlight, service } = setUp('many');
    const first = await createIn(service, A);
    const second = await createIn(service, A);
    const closing = await createIn(service, A);
    const theirs = await createIn(service, B);
    await inFlight.idle();
    for (const s of [first, theirs]) await timers.schedule({ sessionId: s.id, key: 'k', timer: { kind: 'idle', at: T0 + DAY } });
    await store.recordMessage(first.id, 'card', { channel: 'C1', ts: '1.1' });
    // A close already under way, waiting on Slack.
    await store.beginPurge({ sessionId: closing.id, channel: 'C1', formatId: closing.formatId, people: 4, createdAt: T0, closedAt: T0, reason: 'facilitator', team: A });

    expect(await service.forgetWorkspace(A)).toBe(3);

    for (const s of [first, second, closing]) {
      expect(await store.load(s.id)).toBeNull();
      expect(await store.messages(s.id)).toEqual({});
      expect(await timers.list(s.id)).toEqual([]);
    }
    expect(await store.pendingPurges()).toEqual([]);
    expect(await store.listByTeam(A)).toEqual([]);
    expect((await store.load(theirs.id))?.team).toBe(B);
    expect(await timers.list(theirs.id)).toHaveLength(1);
    expect(await store.listByChannel('C1', B)).toEqual([theirs.id]);
    // Again: nothing left to forget.
    expect(await service.forgetWorkspace(A)).toBe(0);
  });
});

describe('sessions of one workspace', () => {
  it('carry no workspace and are reached without one, as before', async () => {
    const { store, service } = setUp('one');
    const session = aSession({ channel: 'C1', createdAt: T0, updatedAt: T0 });
    expect(await service.create(session, [])).toBe(true);
    expect((await store.load(session.id))?.team).toBeUndefined();
    expect(await store.listByChannel('C1')).toEqual([session.id]);
    expect((await service.dispatch(session.id, pause(session, 'c1'))).ok).toBe(true);
    expect((await service.openSessions('C1')).map((s) => s.id)).toEqual([session.id]);
  });
});
