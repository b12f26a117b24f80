import type { RedisClient } from '../../src/redis/connect';
import { jsonCodec } from '../../src/store/codec';
import { RedisSessionStore } from '../../src/store/redis/redis-session-store';
import { WAIT_TIMEOUT_MS } from '../../src/store/redis/replicas';
import { isStoreUnavailable } from '../../src/store/errors';
import type { SessionCodec } from '../../src/store/session-store';
import { eventKey, sessionKeys, purgingKey } from '../../src/store/redis/keys';
import { globEscape, isolatedRedis, isolatedRedisOf, scanKeys, type RedisKind } from '../support/redis';
import { sessionStoreContract } from './session-store.contract';
import { advanced, aSession } from './session-fixture';
import type { Effect } from '../../src/engine/session';

const iso = isolatedRedis(__filename);
afterAll(() => iso.cleanup());

let harnesses = 0;

/** Everything a key holds, as text: the proof that purged content is really gone. */
async function textOf(redis: RedisClient, key: string): Promise<string> {
  const type = await redis.type(key);
  if (type === 'string') return (await redis.get(key)) ?? '';
  if (type === 'hash') return JSON.stringify(await redis.hgetall(key));
  if (type === 'list') return JSON.stringify(await redis.lrange(key, 0, -1));
  if (type === 'set') return JSON.stringify(await redis.smembers(key));
  if (type === 'zset') return JSON.stringify(await redis.zrange(key, 0, '-1'));
  return '';
}

/** The contract on one server and on a Redis Cluster (three primaries): every script touches keys of one slot, or the cluster refuses it. */
describe.each<RedisKind>(['single', 'cluster'])('RedisSessionStore on %s Redis', (kind) => {
  const on = isolatedRedisOf(kind, `${__filename}-${kind}`);
  afterAll(() => on.cleanup());
  sessionStoreContract(async ({ ttlSeconds }) => {
    // Each test gets its own prefix under the file's, so channel indexes never mix.
    harnesses += 1;
    const prefix = `${on.prefix}${harnesses}:`;
    const connection = on.connect();
    const store = new RedisSessionStore(connection, { prefix, ttlSeconds });
    const keys = () => scanKeys(on.redis, `${globEscape(prefix)}*`);
    return {
      store,
      elapse: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      storage: {
        async ttls() {
          const all = await keys();
          const ttls = await Promise.all(all.map((key) => on.redis.pttl(key)));
          return Object.fromEntries(all.map((key, i) => [key, ttls[i]!]));
        },
        async dump() {
          const all = await keys();
          const texts = await Promise.all(all.map((key) => textOf(on.redis, key)));
          return Object.fromEntries(all.map((key, i) => [key, texts[i]!]));
        },
      },
      async cleanup() {
        await store.close();
      },
    };
  });
});

describe('RedisSessionStore', () => {
  describe('keys on Redis', () => {
    const prefix = `${iso.prefix}keys:`;
    let store: RedisSessionStore;
    beforeAll(() => {
      store = new RedisSessionStore(iso.connect(), { prefix });
    });

    it("every key of a session carries the session's hash tag, so one script may touch them all on Cluster", async () => {
      const session = aSession();
      await store.create(session, [{ type: 'card' }]);
      await store.recordMessage(session.id, 'card', { channel: 'C0123', ts: '1.1' });
      await store.acquireLease(session.id, 'bot-a', 60_000);
      const mine = await scanKeys(iso.redis, `${globEscape(prefix)}*${session.id}*`);
      expect(mine.length).toBe(5);
      for (const key of mine) expect(key.startsWith(`${prefix}{session:${session.id}}:`)).toBe(true);
    });

    it('the state is a hash of seq and the codec string, so the commit script never decodes it', async () => {
      const session = aSession({ seq: 7 });
      await store.create(session, []);
      const state = await iso.redis.hgetall(sessionKeys(prefix, session.id).state);
      expect(state.seq).toBe('7');
      expect(JSON.parse(state.data!)).toEqual(session);
    });

    it('a codec decides what is stored: the data field holds what it encodes', async () => {
      // Stands in for the encrypting codec: anything but plain JSON.
      const codec: SessionCodec = {
        encode: (s) => Buffer.from(jsonCodec.encode(s)).toString('base64'),
        decode: (stored) => jsonCodec.decode(Buffer.from(stored, 'base64').toString()),
      };
      const coded = new RedisSessionStore(iso.redis, { prefix, codec });
      const session = aSession({ title: 'plainly visible title' });
      await coded.create(session, []);
      const raw = await iso.redis.hget(sessionKeys(prefix, session.id).state, 'data');
      expect(raw).not.toContain('plainly visible title');
      expect(await coded.load(session.id)).toEqual(session);
    });

    it('a commit sets the TTLs only when the last refresh is an interval old, and the channel index follows', async () => {
      // TTL 100 s: the keys are refreshed at most every 10 s, each to its TTL plus 10 s.
      const timed = new RedisSessionStore(iso.connect(), { prefix, ttlSeconds: 100 });
      const session = aSession();
      const k = sessionKeys(prefix, session.id);
      const index = `${prefix}channel:${session.channel}`;
      await timed.create(session, [{ type: 'card' }]);
      expect(await iso.redis.pttl(k.state)).toBeGreaterThan(100_000);
      // Within the interval a commit leaves the TTLs alone: shortened by hand, they stay short.
      await iso.redis.pexpire(k.state, 5_000);
      await iso.redis.pexpire(index, 5_000);
      let current = advanced(session);
      expect(await timed.commit(current, session.seq, [])).toBe('committed');
      expect(await iso.redis.pttl(k.state)).toBeLessThanOrEqual(5_000);
      expect(await iso.redis.pttl(index)).toBeLessThanOrEqual(5_000);
      // Once the last refresh is older than the interval, the next commit refreshes every key and the index.
      await iso.redis.hset(k.state, 'ttl-at', String(Date.now() - 11_000));
      const next = advanced(current);
      expect(await timed.commit(next, current.seq, [])).toBe('committed');
      current = next;
      for (const key of [k.state, k.outboxSeq, index]) expect([key, await iso.redis.pttl(key)]).toEqual([key, expect.any(Number)]);
      expect(await iso.redis.pttl(k.state)).toBeGreaterThan(100_000);
      expect(await iso.redis.pttl(k.outboxSeq)).toBeGreaterThan(100_000);
      expect(await iso.redis.pttl(index)).toBeGreaterThan(100_000);
      // An outbox emptied by the runner is gone; the next one a commit starts gets a TTL too.
      const ids = (await timed.outbox(session.id)).map((entry) => entry.id);
      await timed.ackOutbox(session.id, Math.max(...ids));
      expect(await iso.redis.exists(k.outbox)).toBe(0);
      expect(await timed.commit(advanced(current), current.seq, [{ type: 'card' }])).toBe('committed');
      expect(await iso.redis.pttl(k.outbox)).toBeGreaterThan(0);
      await timed.close();
    });

    it('recording a message sets the TTL of a new record, and an update leaves it as the commits keep it', async () => {
      const session = aSession();
      const k = sessionKeys(prefix, session.id);
      await store.create(session, []);
      await store.recordMessage(session.id, 'card', { channel: 'C0123', ts: '1.1' });
      expect(await iso.redis.pttl(k.messages)).toBeGreaterThan(14 * 24 * 3600 * 1000);
      await iso.redis.pexpire(k.messages, 30 * 24 * 3600 * 1000);
      // A second message: a new field never shortens the record's TTL.
      await store.recordMessage(session.id, 'prompt', { channel: 'C0123', ts: '1.2' });
      expect(await iso.redis.pttl(k.messages)).toBeGreaterThan(29 * 24 * 3600 * 1000);
      await iso.redis.pexpire(k.messages, 60_000);
      // What the card shows changed: the same field again, the TTL untouched.
      await store.recordMessage(session.id, 'card', { channel: 'C0123', ts: '1.1', shown: 'f2' });
      expect(await iso.redis.pttl(k.messages)).toBeLessThanOrEqual(60_000);
      expect(await store.messages(session.id)).toEqual(expect.objectContaining({ card: expect.objectContaining({ ts: '1.1' }) }));
    });

    it('a commit with thousands of effects numbers them all in order, as one outbox after the last', async () => {
      const session = aSession();
      await store.create(session, [{ type: 'card' }]);
      const many: Effect[] = Array.from({ length: 2500 }, (_, i) => ({ type: 'phase', phaseId: `p${i}` }));
      expect(await store.commit(advanced(session), session.seq, many)).toBe('committed');
      const outbox = await store.outbox(session.id);
      expect(outbox.map((entry) => entry.id)).toEqual(Array.from({ length: 2501 }, (_, i) => i + 1));
      expect(outbox.slice(1).map((entry) => entry.effect)).toEqual(many);
    });

    it('a codec that throws while a commit is being sent leaves the connection usable (no write is held back)', async () => {
      const connection = iso.connect();
      const plain = new RedisSessionStore(connection, { prefix });
      const session = aSession();
      await plain.create(session, []);
      const failing = new RedisSessionStore(connection, {
        prefix,
        codec: {
          encode: () => {
            throw new Error('cannot encode');
          },
          decode: jsonCodec.decode,
        },
      });
      await expect(failing.commit(advanced(session), session.seq, [])).rejects.toThrow('cannot encode');
      // Writes of a tick are held until it ends (write-batch.ts); a throw must not keep them held.
      expect(await plain.commit(advanced(session), session.seq, [{ type: 'card' }])).toBe('committed');
      await plain.close();
    });

    it('commits on a connection that is still connecting (queued, then sent)', async () => {
      const connection = iso.connect();
      const early = new RedisSessionStore(connection, { prefix });
      const session = aSession();
      const created = early.create(session, []);
      expect(connection.status).not.toBe('ready');
      expect(await created).toBe(true);
      expect(await early.commit(advanced(session), session.seq, [])).toBe('committed');
      await early.close();
    });

    it('an interrupted beginPurge is not reported as pending; an entry with neither record nor content is dropped', async () => {
      const interrupted = aSession();
      await store.create(interrupted, [{ type: 'purge' }]);
      // As if the process died after marking the purge and before the script ran:
      await iso.redis.sadd(purgingKey(prefix), interrupted.id, 'gone-long-ago');
      expect(await store.pendingPurges()).toEqual([]);
      expect(await iso.redis.smembers(purgingKey(prefix))).toEqual([interrupted.id]);
      // The purge effect is still in the outbox, so the runner will begin the purge again.
      expect((await store.outbox(interrupted.id)).map((e) => e.effect)).toEqual([{ type: 'purge' }]);
    });

    it('an event claim is one key, event:<event_id> under the prefix, holding no content and expiring on its own', async () => {
      expect(await store.claimEvent('Ev0KEY', 60_000)).toBe(true);
      const key = eventKey(prefix, 'Ev0KEY');
      expect(key).toBe(`${prefix}event:Ev0KEY`);
      expect(await iso.redis.get(key)).toBe('1');
      const ttl = await iso.redis.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);
      // A second bot process on its own connection sees the claim.
      const other = new RedisSessionStore(iso.connect(), { prefix });
      expect(await other.claimEvent('Ev0KEY', 60_000)).toBe(false);
      await other.close();
    });

    it('with REDIS_WAIT_REPLICAS and no replica to confirm it, a commit is reported unavailable (the person tries again); a new session is kept all the same', async () => {
      const waiting = new RedisSessionStore(iso.connect(), { prefix, waitReplicas: 1 });
      const session = aSession();
      const started = Date.now();
      expect(await waiting.create(session, [])).toBe(true);
      const error = await waiting.commit(advanced(session), session.seq, []).catch((e: unknown) => e);
      expect(isStoreUnavailable(error)).toBe(true);
      expect(String(error)).toContain('0 of 1 replicas confirmed the change in time');
      // Both waited their 400 ms for a replica: well inside the answer people get within a second.
      expect(Date.now() - started).toBeGreaterThanOrEqual(2 * WAIT_TIMEOUT_MS - 50);
      expect(Date.now() - started).toBeLessThan(2000);
      // The change is on the primary, as a change whose answer was lost: the repeat finds it there.
      expect((await store.load(session.id))?.seq).toBe(session.seq + 1);
      await waiting.close();
    });

    it('ping fails softly when the connection is gone', async () => {
      const lonely = new RedisSessionStore(iso.connect(), { prefix });
      await lonely.close();
      expect(await lonely.ping()).toBe(false);
    });
  });
});
