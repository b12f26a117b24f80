/**
 * The behaviour every SessionStore must have. Run against Redis and memory by
 * redis-session-store.test.ts and memory-session-store.test.ts.
 */
import type { Effect } from '../../src/engine/session';
import type { PurgeRecord, SessionStore } from '../../src/store/session-store';
import { advanced, aSession, distinctiveText } from './session-fixture';

/** A store under test, with what the backend can show about its storage. */
export interface SessionStoreHarness {
  store: SessionStore;
  /** Lets time pass: a fake clock in memory, a real wait on Redis (so keep it short). */
  elapse(ms: number): Promise<void>;
  /** Storage inspection, where the backend has keys (Redis). */
  storage?: {
    /** Every key the store wrote, with its remaining time to live (ms; -1 = none). */
    ttls(): Promise<Record<string, number>>;
    /** Every key the store wrote, with all text it holds (names, fields and values). */
    dump(): Promise<Record<string, string>>;
  };
  cleanup(): Promise<void>;
}

export type HarnessFactory = (options: { ttlSeconds?: number }) => Promise<SessionStoreHarness>;

const card: Effect = { type: 'card' };
const phase: Effect = { type: 'phase', phaseId: 'questions' };
const turn: Effect = { type: 'dm', user: 'U3', message: 'your-turn' };

function purgeRecordOf(sessionId: string, channel = 'C0123'): PurgeRecord {
  return {
    sessionId,
    channel,
    formatId: 'progress-focused',
    people: 4,
    createdAt: 1_700_000_000_000,
    closedAt: 1_700_000_900_000,
    reason: 'facilitator',
  };
}

/** Defines the contract tests for one SessionStore implementation. */
export function sessionStoreContract(makeHarness: HarnessFactory): void {
  let h: SessionStoreHarness;
  let store: SessionStore;
  let opened = false;
  /** A fresh store for this test (called again by tests that need other options). */
  const open = async (options: { ttlSeconds?: number } = {}) => {
    if (opened) await h.cleanup();
    h = await makeHarness(options);
    store = h.store;
    opened = true;
  };
  beforeEach(() => open());
  afterEach(async () => {
    if (opened) await h.cleanup();
    opened = false;
  });

  describe('create and load', () => {
    it('a created session loads back equal, as a copy the caller cannot change in the store', async () => {
      const session = aSession();
      expect(await store.create(session, [card])).toBe(true);
      const loaded = await store.load(session.id);
      expect(loaded).toEqual(session);
      loaded!.title = 'changed by the caller';
      session.members.push('U9');
      expect(await store.load(session.id)).toEqual(aSession({ id: session.id }));
    });

    it('an unknown session loads as null', async () => {
      expect(await store.load('nope')).toBeNull();
    });

    it('creating a session whose id is taken fails and keeps the first', async () => {
      const first = aSession({ title: 'first' });
      expect(await store.create(first, [card])).toBe(true);
      expect(await store.create({ ...first, title: 'second' }, [phase])).toBe(false);
      expect((await store.load(first.id))?.title).toBe('first');
      expect((await store.outbox(first.id)).map((e) => e.effect)).toEqual([card]);
    });
  });

  describe('commit', () => {
    it('a commit on the seq the caller saw is stored, with its effects after the earlier ones', async () => {
      const session = aSession();
      await store.create(session, [card]);
      const next = advanced(session, { status: 'paused' });
      expect(await store.commit(next, session.seq, [phase])).toBe('committed');
      expect(await store.load(session.id)).toEqual(next);
      expect((await store.outbox(session.id)).map((e) => e.effect)).toEqual([card, phase]);
    });

    it('a commit on a stale seq is a conflict and changes nothing', async () => {
      const session = aSession();
      await store.create(session, [card]);
      const winner = advanced(session, { title: 'winner' });
      expect(await store.commit(winner, session.seq, [phase])).toBe('committed');
      const loser = advanced(session, { title: 'loser' });
      expect(await store.commit(loser, session.seq, [turn])).toBe('conflict');
      expect(await store.load(session.id)).toEqual(winner);
      expect((await store.outbox(session.id)).map((e) => e.effect)).toEqual([card, phase]);
    });

    it('a commit on a session that does not exist is missing and creates nothing', async () => {
      const ghost = aSession();
      expect(await store.commit(advanced(ghost), ghost.seq, [card])).toBe('missing');
      expect(await store.load(ghost.id)).toBeNull();
      expect(await store.outbox(ghost.id)).toEqual([]);
      expect(await store.pendingSessions()).not.toContain(ghost.id);
    });

    it('a commit whose seq does not grow by exactly one is refused as a programming error', async () => {
      const session = aSession();
      await store.create(session, []);
      await expect(store.commit({ ...session, seq: session.seq + 2 }, session.seq, [])).rejects.toThrow(/seq/);
    });
  });

  describe('outbox', () => {
    it('keeps effects in commit order with growing ids, and an ack drops exactly those up to the id', async () => {
      const session = aSession();
      await store.create(session, [card, phase]);
      await store.commit(advanced(session), session.seq, [turn]);
      const entries = await store.outbox(session.id);
      expect(entries.map((e) => e.effect)).toEqual([card, phase, turn]);
      const ids = entries.map((e) => e.id);
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);
      expect(new Set(ids).size).toBe(3);

      expect(await store.ackOutbox(session.id, ids[1]!)).toBe(1);
      expect(await store.outbox(session.id)).toEqual([entries[2]]);
      expect(await store.ackOutbox(session.id, ids[2]!)).toBe(0);
      expect(await store.outbox(session.id)).toEqual([]);
    });

    it('ids are never reused, even after the outbox was emptied', async () => {
      const session = aSession();
      await store.create(session, [card]);
      const [first] = await store.outbox(session.id);
      await store.ackOutbox(session.id, first!.id);
      expect(await store.outbox(session.id)).toEqual([]);
      await store.commit(advanced(session), session.seq, [phase]);
      const [second] = await store.outbox(session.id);
      expect(second!.id).toBeGreaterThan(first!.id);
    });

    it('pendingSessions lists the sessions with unacknowledged effects, and only those', async () => {
      const busy = aSession();
      const idle = aSession();
      await store.create(busy, [card]);
      await store.create(idle, []);
      expect(await store.pendingSessions()).toEqual([busy.id]);
      const [entry] = await store.outbox(busy.id);
      await store.ackOutbox(busy.id, entry!.id);
      expect(await store.pendingSessions()).toEqual([]);
    });
  });

  describe('census (for /metrics)', () => {
    const byLabels = (groups: Array<{ format: string; mode: string; phase: string; count: number }>) => [...groups].sort((a, b) => `${a.mode}${a.phase}`.localeCompare(`${b.mode}${b.phase}`));

    it('counts the open sessions by format, mode and phase, and follows them as they move and close', async () => {
      const settings = aSession().settings;
      const live = aSession();
      const call = aSession({ settings: { ...settings, onCall: true } });
      const waiting = aSession({ status: 'open', phaseIndex: -1, current: null, settings: { ...settings, mode: 'async' } });
      for (const session of [live, call, waiting]) await store.create(session, []);
      expect(byLabels((await store.census()).sessions)).toEqual([
        { format: 'progress-focused', mode: 'async', phase: 'open', count: 1 },
        { format: 'progress-focused', mode: 'call', phase: 'questions', count: 1 },
        { format: 'progress-focused', mode: 'live', phase: 'questions', count: 1 },
      ]);
      await store.commit(advanced(call, { current: { id: 'tips', startedAt: 1, roundsClosed: 0, notices: [] } }), call.seq, []);
      await store.beginPurge(purgeRecordOf(live.id));
      expect(byLabels((await store.census()).sessions)).toEqual([
        { format: 'progress-focused', mode: 'async', phase: 'open', count: 1 },
        { format: 'progress-focused', mode: 'call', phase: 'tips', count: 1 },
      ]);
    });

    it('counts what waits in the outboxes, and when the oldest waiting effect was committed', async () => {
      expect((await store.census()).outbox).toEqual({ sessions: 0, entries: 0, oldestAt: undefined });
      const first = aSession();
      const second = aSession();
      await store.create(first, [card, phase]);
      await h.elapse(20);
      await store.create(second, [card]);
      await store.commit(advanced(second), second.seq, [turn]);
      const [oldest] = await store.outbox(first.id);
      const [newer] = await store.outbox(second.id);
      expect(typeof oldest?.at).toBe('number');
      expect(newer!.at!).toBeGreaterThan(oldest!.at!);
      expect((await store.census()).outbox).toEqual({ sessions: 2, entries: 4, oldestAt: oldest!.at });
      await store.ackOutbox(first.id, 2);
      expect((await store.census()).outbox).toEqual({ sessions: 1, entries: 2, oldestAt: newer!.at });
    });

    it('holds no content: the census reads ids only, whatever the sessions say', async () => {
      const secret = distinctiveText();
      await store.create(aSession({ title: secret }), [card]);
      expect(JSON.stringify(await store.census())).not.toContain(secret);
    });
  });

  describe('leases', () => {
    it('claiming the outbox takes the lease and reads the outbox in one step; a second runner gets nothing', async () => {
      const session = aSession();
      await store.create(session, [card]);
      const claimed = await store.claimOutbox(session.id, 'bot-a', 10_000);
      expect(claimed?.map((e) => e.effect)).toEqual([card]);
      expect(await store.claimOutbox(session.id, 'bot-b', 10_000)).toBeNull();
      expect(await store.acquireLease(session.id, 'bot-b', 10_000)).toBe(false);
      // Its holder may claim again (a renewal), and after the release someone else may.
      expect(await store.claimOutbox(session.id, 'bot-a', 10_000)).toHaveLength(1);
      await store.releaseLease(session.id, 'bot-a');
      expect(await store.claimOutbox(session.id, 'bot-b', 10_000)).toHaveLength(1);
      await store.releaseLease(session.id, 'bot-b');
      expect(await store.claimOutbox('nobody', 'bot-a', 10_000)).toEqual([]);
      await store.releaseLease('nobody', 'bot-a');
    });

    it('one owner at a time; the holder may renew; a stranger may not release it', async () => {
      expect(await store.acquireLease('s1', 'bot-a', 10_000)).toBe(true);
      expect(await store.acquireLease('s1', 'bot-b', 10_000)).toBe(false);
      expect(await store.acquireLease('s1', 'bot-a', 10_000)).toBe(true);
      await store.releaseLease('s1', 'bot-b');
      expect(await store.acquireLease('s1', 'bot-b', 10_000)).toBe(false);
      await store.releaseLease('s1', 'bot-a');
      expect(await store.acquireLease('s1', 'bot-b', 10_000)).toBe(true);
    });

    it('a lease held by an instance that stopped beating is taken at once by one naming it; a holder not named keeps it', async () => {
      const session = aSession();
      await store.create(session, [card]);
      expect(await store.claimOutbox(session.id, 'bot-a', 10_000)).toHaveLength(1);
      expect(await store.claimOutbox(session.id, 'bot-b', 10_000, ['bot-c'])).toBeNull();
      expect(await store.acquireLease(session.id, 'bot-b', 10_000, ['bot-c'])).toBe(false);
      expect(await store.claimOutbox(session.id, 'bot-b', 10_000, ['bot-a'])).toHaveLength(1);
      // bot-b's now: bot-a, were it still running, can neither renew nor release it.
      expect(await store.acquireLease(session.id, 'bot-a', 10_000)).toBe(false);
      await store.releaseLease(session.id, 'bot-a');
      expect(await store.acquireLease(session.id, 'bot-c', 10_000, ['bot-a'])).toBe(false);
      expect(await store.acquireLease(session.id, 'bot-c', 10_000, ['bot-a', 'bot-b'])).toBe(true);
    });

    it('a lease its holder forgot expires, and the late holder cannot release the new one', async () => {
      expect(await store.acquireLease('s1', 'bot-a', 100)).toBe(true);
      await h.elapse(250);
      expect(await store.acquireLease('s1', 'bot-b', 10_000)).toBe(true);
      await store.releaseLease('s1', 'bot-a');
      expect(await store.acquireLease('s1', 'bot-a', 10_000)).toBe(false);
    });
  });

  describe('messages record', () => {
    it('remembers where each message was posted, by key, and forgets one on request', async () => {
      await store.recordMessage('s1', 'card', { channel: 'C0123', ts: '1700000000.000100' });
      await store.recordMessage('s1', 'phase:tips', { channel: 'C0123', ts: '1700000001.000200' });
      await store.recordMessage('s1', 'card', { channel: 'C0123', ts: '1700000002.000300' });
      expect(await store.messages('s1')).toEqual({
        card: { channel: 'C0123', ts: '1700000002.000300' },
        'phase:tips': { channel: 'C0123', ts: '1700000001.000200' },
      });
      await store.forgetMessage('s1', 'card');
      expect(await store.messages('s1')).toEqual({ 'phase:tips': { channel: 'C0123', ts: '1700000001.000200' } });
      expect(await store.messages('other')).toEqual({});
    });
  });

  describe('event claims', () => {
    it('the first claim of an event id wins; a repeat loses, and another id is claimed on its own', async () => {
      expect(await store.claimEvent('Ev0001', 60_000)).toBe(true);
      expect(await store.claimEvent('Ev0001', 60_000)).toBe(false);
      expect(await store.claimEvent('Ev0002', 60_000)).toBe(true);
      expect(await store.claimEvent('Ev0001', 60_000)).toBe(false);
    });

    it('claims of one id at the same moment: exactly one wins', async () => {
      const claims = await Promise.all(Array.from({ length: 20 }, () => store.claimEvent('Ev0RACE', 60_000)));
      expect(claims.filter(Boolean)).toHaveLength(1);
    });

    it('a claim ends after its time, so the id can be taken again', async () => {
      expect(await store.claimEvent('Ev0003', 100)).toBe(true);
      await h.elapse(50);
      expect(await store.claimEvent('Ev0003', 100)).toBe(false);
      await h.elapse(200);
      expect(await store.claimEvent('Ev0003', 100)).toBe(true);
    });
  });

  describe('channel index', () => {
    it('lists the active sessions of a channel oldest first, and drops a session when its purge begins', async () => {
      const older = aSession({ channel: 'C1', createdAt: 1000 });
      const newer = aSession({ channel: 'C1', createdAt: 2000 });
      const elsewhere = aSession({ channel: 'C2' });
      await store.create(newer, []);
      await store.create(older, []);
      await store.create(elsewhere, []);
      await store.commit(advanced(older), older.seq, []);
      expect(await store.listByChannel('C1')).toEqual([older.id, newer.id]);
      expect(await store.listByChannel('C2')).toEqual([elsewhere.id]);
      expect(await store.listByChannel('C3')).toEqual([]);

      await store.beginPurge(purgeRecordOf(older.id, 'C1'));
      expect(await store.listByChannel('C1')).toEqual([newer.id]);
    });

    it("keeps each workspace's sessions of one channel id apart, and lists a workspace's sessions across its channels", async () => {
      const single = aSession({ channel: 'C1' });
      const ofA = aSession({ channel: 'C1', team: 'T0A', createdAt: 1000 });
      const ofAElsewhere = aSession({ channel: 'C2', team: 'T0A' });
      const ofB = aSession({ channel: 'C1', team: 'T0B' });
      for (const session of [single, ofA, ofAElsewhere, ofB]) await store.create(session, []);
      await store.commit(advanced(ofA), ofA.seq, []);
      expect(await store.listByChannel('C1')).toEqual([single.id]);
      expect(await store.listByChannel('C1', 'T0A')).toEqual([ofA.id]);
      expect(await store.listByChannel('C1', 'T0B')).toEqual([ofB.id]);
      expect((await store.listByTeam('T0A')).sort()).toEqual([ofA.id, ofAElsewhere.id].sort());
      expect(await store.listByTeam('T0C')).toEqual([]);
      // The workspace stays readable beside the content, the content aside.
      expect(await store.teamOf(ofA.id)).toBe('T0A');
      expect(await store.teamOf(single.id)).toBeUndefined();
      expect(await store.teamOf('s-unknown')).toBeUndefined();

      await store.beginPurge({ ...purgeRecordOf(ofA.id, 'C1'), team: 'T0A' });
      expect(await store.listByChannel('C1', 'T0A')).toEqual([]);
      expect(await store.listByTeam('T0A')).toEqual([ofAElsewhere.id]);
      expect(await store.pendingPurges()).toEqual([{ ...purgeRecordOf(ofA.id, 'C1'), team: 'T0A' }]);
      await store.finishPurge(ofA.id);
      expect(await store.listByChannel('C1', 'T0B')).toEqual([ofB.id]);
    });
  });

  describe('person index', () => {
    it("lists a person's sessions newest first, each workspace's apart, and drops a session whose content is gone", async () => {
      const older = aSession({ createdAt: 1000 });
      const newer = aSession({ createdAt: 2000 });
      const ofA = aSession({ team: 'T0A' });
      for (const session of [older, newer, ofA]) await store.create(session, []);
      await store.indexPeople(older, ['U1', 'U2']);
      await store.indexPeople(newer, ['U2', 'U3']);
      await store.indexPeople(ofA, ['U2']);
      // Indexing again changes nothing (the first score stays).
      await store.indexPeople({ ...older, createdAt: 9000 }, ['U1', 'U2']);
      expect(await store.listByPerson('U2')).toEqual([newer.id, older.id]);
      expect(await store.listByPerson('U1')).toEqual([older.id]);
      expect(await store.listByPerson('U2', 'T0A')).toEqual([ofA.id]);
      expect(await store.listByPerson('U1', 'T0A')).toEqual([]);
      expect(await store.listByPerson('U9')).toEqual([]);

      await store.beginPurge(purgeRecordOf(newer.id));
      expect(await store.listByPerson('U2')).toEqual([older.id]);
      expect(await store.listByPerson('U3')).toEqual([]);
    });

    it('indexing a session again with fewer people takes it out of the index of whoever left', async () => {
      const session = aSession();
      await store.create(session, []);
      expect(await store.indexPeople(session, ['U1', 'U2', 'U3'])).toEqual([]);
      expect(await store.indexPeople(session, ['U1', 'U3', 'U4'])).toEqual(['U2']);
      expect(await store.indexPeople(session, ['U1', 'U3', 'U4'])).toEqual([]);
      expect(await store.listByPerson('U2')).toEqual([]);
      for (const user of ['U1', 'U3', 'U4']) expect(await store.listByPerson(user)).toEqual([session.id]);
    });

    it("at close a session leaves the index of everyone ever indexed for it; a workspace's indexes go at once", async () => {
      const single = aSession();
      const ofA = aSession({ team: 'T0A' });
      const ofB = aSession({ team: 'T0B' });
      for (const session of [single, ofA, ofB]) {
        await store.create(session, []);
        await store.indexPeople(session, ['U1', 'U2']);
      }
      await store.unindexPeople(single.id);
      expect(await store.listByPerson('U1')).toEqual([]);
      expect(await store.listByPerson('U2')).toEqual([]);
      // Nothing is left of who was indexed: indexing it again starts afresh.
      await store.unindexPeople(single.id);
      await store.forgetPeople('T0A');
      expect(await store.listByPerson('U1', 'T0A')).toEqual([]);
      expect(await store.listByPerson('U2', 'T0A')).toEqual([]);
      expect(await store.listByPerson('U1', 'T0B')).toEqual([ofB.id]);
      await store.unindexPeople(ofB.id, 'T0B');
      expect(await store.listByPerson('U1', 'T0B')).toEqual([]);
    });

    it('an index lives as long as the sessions it names: a commit gives it time again, and it expires with them', async () => {
      await open({ ttlSeconds: 1 });
      const session = aSession();
      await store.create(session, [card]);
      await store.indexPeople(session, ['U3']);
      await h.elapse(700);
      await store.commit(advanced(session), session.seq, [phase]);
      await h.elapse(700);
      expect(await store.listByPerson('U3')).toEqual([session.id]);
      await h.elapse(1600);
      expect(await store.listByPerson('U3')).toEqual([]);
    });
  });

  describe('time to live', () => {
    it('an untouched session expires with its outbox and index entry; its messages record outlives it', async () => {
      await open({ ttlSeconds: 1 });
      const session = aSession({ channel: 'C7' });
      await store.create(session, [card]);
      await store.recordMessage(session.id, 'card', { channel: 'C7', ts: '1.2' });
      await h.elapse(1300);
      expect(await store.load(session.id)).toBeNull();
      expect(await store.outbox(session.id)).toEqual([]);
      expect(await store.pendingSessions()).toEqual([]);
      expect(await store.listByChannel('C7')).toEqual([]);
      expect(await store.messages(session.id)).toEqual({ card: { channel: 'C7', ts: '1.2' } });
    });

    it('every commit gives the session its full time to live again', async () => {
      await open({ ttlSeconds: 1 });
      const session = aSession();
      await store.create(session, [card]);
      await h.elapse(700);
      await store.commit(advanced(session), session.seq, [phase]);
      await h.elapse(700);
      expect(await store.load(session.id)).not.toBeNull();
      expect(await store.outbox(session.id)).toHaveLength(2);
    });

    it('every key the store writes has a time to live, the records of messages and purges the longest', async () => {
      if (!h.storage) return; // memory: expiry is proven by the fake clock above
      const session = aSession();
      await store.create(session, [card]);
      await store.commit(advanced(session), session.seq, [phase]);
      await store.recordMessage(session.id, 'card', { channel: 'C0123', ts: '1.2' });
      await store.acquireLease(session.id, 'bot-a', 60_000);
      const closing = aSession();
      await store.create(closing, []);
      await store.recordMessage(closing.id, 'card', { channel: 'C0123', ts: '1.3' });
      await store.beginPurge(purgeRecordOf(closing.id));
      await store.claimEvent('Ev0TTL', 3_600_000);
      await store.indexPeople(session, ['U1', 'U2']);

      const ttls = await h.storage.ttls();
      expect(Object.keys(ttls).length).toBeGreaterThanOrEqual(11);
      expect(Object.keys(ttls).filter((key) => key.includes(':person:'))).toHaveLength(2);
      const fourteenDays = 14 * 24 * 3600 * 1000;
      for (const [key, ttl] of Object.entries(ttls)) {
        expect([key, ttl > 0]).toEqual([key, true]);
        if (/:(messages|purge|purging)$/.test(key)) expect([key, ttl > fourteenDays]).toEqual([key, true]);
        if (key.endsWith(':Ev0TTL')) expect([key, ttl <= 3_600_000]).toEqual([key, true]);
      }
      expect(Object.keys(ttls).filter((key) => key.endsWith(':Ev0TTL'))).toHaveLength(1);
    });
  });

  describe('purge', () => {
    it('after the purge begins no content remains, the messages and a content-free record stay, until it finishes', async () => {
      const secret = distinctiveText();
      const session = aSession({ channel: 'C5', title: 'weekly', inputs: [] });
      await store.create(session, [card]);
      const withSecret = advanced(session, {
        inputs: [{ id: 'i1', phaseId: 'questions', round: 1, author: 'U3', text: secret, at: 1 }],
      });
      await store.commit(withSecret, session.seq, [phase]);
      await store.recordMessage(session.id, 'card', { channel: 'C5', ts: '1.1' });
      await store.recordMessage(session.id, 'phase:questions', { channel: 'C5', ts: '1.2' });
      await store.indexPeople(session, ['U1', 'U2']);
      if (h.storage) expect(JSON.stringify(await h.storage.dump())).toContain(secret);

      const record = purgeRecordOf(session.id, 'C5');
      await store.beginPurge(record);

      expect(await store.load(session.id)).toBeNull();
      expect(await store.outbox(session.id)).toEqual([]);
      expect(await store.pendingSessions()).toEqual([]);
      expect(await store.listByChannel('C5')).toEqual([]);
      expect(Object.keys(await store.messages(session.id)).sort()).toEqual(['card', 'phase:questions']);
      expect(await store.pendingPurges()).toEqual([record]);
      if (h.storage) expect(JSON.stringify(await h.storage.dump())).not.toContain(secret);

      await store.forgetMessage(session.id, 'card');
      await store.finishPurge(session.id);
      expect(await store.messages(session.id)).toEqual({});
      expect(await store.pendingPurges()).toEqual([]);
      expect(await store.listByPerson('U1')).toEqual([]);
      if (h.storage) expect(JSON.stringify(await h.storage.dump())).not.toContain(session.id);
    });

    it('a commit that races with the purge finds the session missing', async () => {
      const session = aSession();
      await store.create(session, []);
      await store.beginPurge(purgeRecordOf(session.id));
      expect(await store.commit(advanced(session), session.seq, [card])).toBe('missing');
      expect(await store.load(session.id)).toBeNull();
    });

    it('pending purges come oldest close first', async () => {
      const a = aSession();
      const b = aSession();
      await store.create(a, []);
      await store.create(b, []);
      await store.beginPurge({ ...purgeRecordOf(b.id), closedAt: 2000 });
      await store.beginPurge({ ...purgeRecordOf(a.id), closedAt: 1000 });
      expect((await store.pendingPurges()).map((r) => r.sessionId)).toEqual([a.id, b.id]);
    });
  });

  it('answers ping', async () => {
    expect(await store.ping()).toBe(true);
  });
}
