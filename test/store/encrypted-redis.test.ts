/**
 * Encryption at rest, proven against real Redis: with the crypto codec, no
 * key, no DUMP of a key, and no RDB or AOF file on disk holds a phrase people
 * wrote; with plain JSON (the control) the same checks find every phrase, so
 * they can fail.
 *
 * Redis compresses strings in DUMP and RDB with LZF, which breaks a repeated
 * phrase apart; the search (test/support/redis-dump.ts) also reads every LZF
 * block it finds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { Session } from '../../src/engine/session';
import { jsonCodec } from '../../src/store/codec';
import { StoredSessionUnreadableError, createCryptoCodec, keyIdOf } from '../../src/store/crypto-codec';
import { RedisSessionStore } from '../../src/store/redis/redis-session-store';
import { closeConnection } from '../../src/redis/connect';
import type { SessionCodec } from '../../src/store/session-store';
import { isolatedRedis } from '../support/redis';
import { everythingUnder, phrasesIn } from '../support/redis-dump';
import { advanced, aSession, distinctiveText } from './session-fixture';

/** A session with a phrase in every kind of text people write, and the commit that adds more. */
function confidentialSessions(): { first: Session; next: Session; phrases: string[] } {
  const p = Array.from({ length: 8 }, distinctiveText);
  const first = aSession({
    statements: { presentation: { text: p[0]!, at: 1 } },
    inputs: [{ id: 'i1', phaseId: 'questions', round: 1, author: 'U3', text: p[1]!, at: 2, answer: { text: p[2]!, at: 3 } }],
  });
  const next = advanced(first, {
    inputs: [...first.inputs, { id: 'i2', phaseId: 'tips', round: 1, author: 'U4', text: p[3]!, at: 4 }],
    nextInputNo: 3,
    picks: { usefulness: { items: ['i2'], remark: p[4]!, at: 5 } },
    evaluations: { evaluation: { U2: { useful: 'yes', what: p[5]!, at: 6 } } },
    statements: { ...first.statements, 'key-question': { text: p[6]!, at: 7 } },
    title: `Tuesday ${p[7]!}`,
  });
  return { first, next, phrases: p };
}

/** Writes a session the way the bot does: create, a commit with effects, a recorded message. */
async function writeSession(store: RedisSessionStore): Promise<{ next: Session; phrases: string[] }> {
  const { first, next, phrases } = confidentialSessions();
  expect(await store.create(first, [{ type: 'card' }])).toBe(true);
  const effects = [{ type: 'phase', phaseId: 'tips' }, { type: 'dm', user: 'U2', message: 'your-turn' }] as const;
  expect(await store.commit(next, first.seq, [...effects])).toBe('committed');
  await store.recordMessage(first.id, 'card', { channel: first.channel, ts: '1700000000.000100' });
  return { next, phrases };
}

describe('sessions encrypted at rest in Redis', () => {
  const iso = isolatedRedis(__filename);
  afterAll(() => iso.cleanup());
  const key = randomBytes(32);
  const storeWith = (codec: SessionCodec, part: string) => new RedisSessionStore(iso.redis, { prefix: `${iso.prefix}${part}:`, codec });

  it('holds none of the phrases in any key, value or DUMP, and still gives the session back whole', async () => {
    const store = storeWith(createCryptoCodec({ key }), 'encrypted');
    const { next, phrases } = await writeSession(store);
    const { names, values, dumps } = await everythingUnder(iso.redis, `${iso.prefix}encrypted:`);
    expect(names.length).toBeGreaterThan(0);
    expect(phrasesIn([...names, ...values, ...dumps], phrases)).toEqual([]);
    expect(await store.load(next.id)).toEqual(next);
  });

  it('without the codec the same search finds every phrase, in the values and in the DUMPs, so the check above can fail', async () => {
    const { phrases } = await writeSession(storeWith(jsonCodec, 'plain'));
    const { values, dumps } = await everythingUnder(iso.redis, `${iso.prefix}plain:`);
    expect(values.length).toBeGreaterThan(0);
    expect(phrasesIn(values, phrases)).toEqual(phrases);
    expect(phrasesIn(dumps, phrases)).toEqual(phrases);
  });

  it('moves a session stored before encryption was turned on onto the key at its next commit', async () => {
    const { first, next, phrases } = confidentialSessions();
    expect(await storeWith(jsonCodec, 'migrate').create(first, [])).toBe(true);
    const store = storeWith(createCryptoCodec({ key }), 'migrate');
    expect(await store.load(first.id)).toEqual(first);
    expect(await store.commit(next, first.seq, [])).toBe('committed');
    const data = await iso.redis.hget(`${iso.prefix}migrate:{session:${first.id}}:state`, 'data');
    expect(data?.startsWith(`v1.${keyIdOf(key)}.`)).toBe(true);
    const { values, dumps } = await everythingUnder(iso.redis, `${iso.prefix}migrate:`);
    expect(values.length).toBeGreaterThan(0);
    expect(phrasesIn([...values, ...dumps], phrases)).toEqual([]);
  });

  it('during a rotation reads what the old key wrote and writes it back under the new key', async () => {
    const { first, next } = confidentialSessions();
    const oldKey = randomBytes(32);
    expect(await storeWith(createCryptoCodec({ key: oldKey }), 'rotate').create(first, [])).toBe(true);
    const rotating = storeWith(createCryptoCodec({ key, previousKeys: [oldKey] }), 'rotate');
    expect(await rotating.load(first.id)).toEqual(first);
    expect(await rotating.commit(next, first.seq, [])).toBe('committed');
    expect(await storeWith(createCryptoCodec({ key }), 'rotate').load(first.id)).toEqual(next);
  });

  it('refuses a session whose ciphertext was copied into another session\'s key', async () => {
    const store = storeWith(createCryptoCodec({ key }), 'swap');
    const { first } = confidentialSessions();
    expect(await store.create(first, [])).toBe(true);
    const data = await iso.redis.hget(`${iso.prefix}swap:{session:${first.id}}:state`, 'data');
    await iso.redis.hset(`${iso.prefix}swap:{session:other}:state`, 'seq', String(first.seq), 'data', data ?? '');
    await expect(store.load('other')).rejects.toThrow(StoredSessionUnreadableError);
    await iso.redis.del(`${iso.prefix}swap:{session:other}:state`);
  });
});

/** A private redis-server writing RDB and AOF into a temporary directory (reached by a unix socket: no port to race for). */
async function startPrivateRedis(dir: string): Promise<{ child: ChildProcess; socket: string }> {
  const socket = join(dir, 'redis.sock');
  const args = ['--port', '0', '--unixsocket', socket, '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always'];
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  const failed = new Promise<never>((_, reject) =>
    child.once('error', () => reject(new Error('redis-server could not be started: install it (apt-get install redis-server) so this test can read RDB and AOF files'))),
  );
  const ready = (async () => {
    for (let tries = 0; tries < 100; tries++) {
      if (existsSync(socket)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('redis-server did not open its socket within 5 s');
  })();
  await Promise.race([ready, failed]);
  return { child, socket };
}

/** Every file the server wrote, by path relative to `dir`: dump.rdb, and the AOF's base and increment files. */
async function filesIn(dir: string): Promise<Array<[string, Buffer]>> {
  const files: Array<[string, Buffer]> = [];
  for (const name of await readdir(dir, { recursive: true })) {
    const path = join(dir, name);
    if ((await stat(path)).isFile()) files.push([name, await readFile(path)]);
  }
  return files;
}

describe('the RDB and AOF files of a Redis holding encrypted sessions', () => {
  let dir: string;
  let server: { child: ChildProcess; socket: string };
  let redis: Redis;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'intervision-rdb-'));
    server = await startPrivateRedis(dir);
    redis = new Redis({ path: server.socket, maxRetriesPerRequest: 1, connectTimeout: 2000 });
  });

  afterAll(async () => {
    await closeConnection(redis);
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGKILL');
    await exited;
    await rm(dir, { recursive: true, force: true });
  });

  it('hold none of the phrases of encrypted sessions, and every phrase of those stored as plain JSON', async () => {
    const codec = createCryptoCodec({ key: randomBytes(32) });
    const encrypted = await writeSession(new RedisSessionStore(redis, { prefix: 'enc:', codec }));
    const plain = await writeSession(new RedisSessionStore(redis, { prefix: 'plain:', codec: jsonCodec }));
    expect(await redis.save()).toBe('OK');

    const files = await filesIn(dir);
    const rdb = files.filter(([name]) => name === 'dump.rdb').map(([, bytes]) => bytes);
    const aof = files.filter(([name]) => name.endsWith('.aof')).map(([, bytes]) => bytes);
    expect(rdb).toHaveLength(1);
    expect(aof.length).toBeGreaterThan(0);
    for (const written of [rdb, aof]) {
      expect(phrasesIn(written, encrypted.phrases)).toEqual([]);
      expect(phrasesIn(written, plain.phrases)).toEqual(plain.phrases);
    }
  });
});
