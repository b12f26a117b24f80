/**
 * The session store on Redis, for one or several bot instances. Every
 * transition is ONE Lua script call on the session's own keys (all in the slot
 * of the hash tag {session:<id>}): seq check, new state, outbox entries, TTL
 * refresh. No WATCH/MULTI and no locks: the seq is the guard.
 *
 * Keys shared by many sessions (the channel indexes, per workspace when there
 * are several, and the `purging` set) are in other slots, so they are written
 * by separate calls, ordered so a crash between two leaves something the next
 * reader repairs, never something lost: create writes the session, then its
 * index entry; listByChannel drops entries of expired sessions (the person
 * indexes likewise, indexes.ts); beginPurge adds to `purging` first, and
 * pendingPurges ignores ids without a record. Event claims are keys of their
 * own (SET NX PX). pendingSessions and listByTeam find keys by SCAN (rare: a
 * sweep, an uninstall), so no cross-slot set has to be kept in step with
 * every commit. The layout is in docs/architecture.md.
 */
import { StoredSessionUnreadableError } from '../crypto-codec';
import { join } from 'node:path';
import type { RedisClient } from '../../redis/connect';
import type { Effect, Session } from '../../engine/session';
import { jsonCodec } from '../codec';
import { censusTagOf } from '../census';
import type { Census } from '../../metrics/metrics';
import { redisCensus } from './census';
import { finishPurge, pendingPurges } from './purges';
import { waitForReplicas } from './replicas';
import { outboxEntrySchema, parseStored } from '../schemas';
import { DEFAULT_TTL_SECONDS, PURGE_GRACE_MS, ttlRefreshMs } from '../ttl';
import {
  type CommitResult,
  type MessageRef,
  type OutboxEntry,
  type PurgeRecord,
  type SessionCodec,
  type SessionStore,
  decodeMessageRef,
  encodeMessageRef,
} from '../session-store';
import { eventKey, outboxPattern, purgingKey, sessionIdOf, sessionKeys } from './keys';
import { RedisChannelIndex, RedisPersonIndex } from './indexes';
import { participants } from '../../engine/queries';
import { closeConnection } from '../../redis/connect';
import { loadScripts, script, type ScriptCall } from '../../redis/scripts';
import { scanKeys } from './scan';
import { writeAtEndOfTick } from './write-batch';

export interface RedisSessionStoreOptions {
  /** Prefix of every key (e.g. "iv:"); tests give each file its own. */
  prefix?: string;
  /** Lifetime of a session's content after its last commit. */
  ttlSeconds?: number;
  /** Turns the session into the stored string (JSON, or encrypted JSON). */
  codec?: SessionCodec;
  /** REDIS_WAIT_REPLICAS: a commit counts once this many replicas have it (replicas.ts); 0 or absent: once the primary has it. */
  waitReplicas?: number;
}

const SCRIPTS = ['commit', 'ack-outbox', 'acquire-lease', 'claim-outbox', 'release-lease', 'record-message', 'begin-purge'] as const;

/** SessionStore on Redis; see the module comment for the key layout and Cluster. */
export class RedisSessionStore implements SessionStore {
  private readonly prefix: string;
  private readonly ttlMs: number;
  private readonly longTtlMs: number;
  /** How often a session's keys get their TTLs again (commit-4.lua): they may live this much longer than their TTL. */
  private readonly refreshMs: number;
  private readonly codec: SessionCodec;
  /** The Lua scripts in lua/, by command. */
  private readonly scripts: Record<(typeof SCRIPTS)[number], ScriptCall>;
  private readonly channels: RedisChannelIndex;
  private readonly people: RedisPersonIndex;
  private readonly waitReplicas: number;

  constructor(
    private readonly redis: RedisClient,
    options: RedisSessionStoreOptions = {},
  ) {
    this.prefix = options.prefix ?? '';
    this.ttlMs = (options.ttlSeconds ?? DEFAULT_TTL_SECONDS) * 1000;
    this.longTtlMs = this.ttlMs + PURGE_GRACE_MS;
    this.refreshMs = ttlRefreshMs(this.ttlMs);
    this.codec = options.codec ?? jsonCodec;
    const loaded = loadScripts(redis, join(__dirname, 'lua'), 'ivSession');
    this.scripts = Object.fromEntries(SCRIPTS.map((name) => [name, script(loaded, name)])) as Record<(typeof SCRIPTS)[number], ScriptCall>;
    this.channels = new RedisChannelIndex(redis, this.prefix, this.ttlMs);
    this.people = new RedisPersonIndex(redis, this.prefix, this.ttlMs + this.refreshMs);
    this.waitReplicas = options.waitReplicas ?? 0;
  }

  private keys(id: string) {
    return sessionKeys(this.prefix, id);
  }

  /** The commit script; with REDIS_WAIT_REPLICAS a change then waits for the replicas (throws when too few confirm), a new session waits but is never refused (a retry would store a second). */
  private async runCommit(session: Session, expected: string, effects: Effect[]): Promise<unknown> {
    const result = await this.runCommitScript(session, expected, effects);
    if (this.waitReplicas > 0 && (result === 1 || result === 2)) {
      const waited = waitForReplicas(this.redis, this.waitReplicas);
      await (expected === '' ? waited.catch(() => undefined) : waited);
    }
    return result;
  }

  private runCommitScript(session: Session, expected: string, effects: Effect[]): Promise<unknown> {
    const k = this.keys(session.id);
    return this.scripts.commit(
      [k.state, k.outbox, k.outboxSeq, k.messages],
      [
        expected,
        session.seq,
        this.codec.encode(session),
        this.ttlMs,
        this.longTtlMs,
        Date.now(),
        this.refreshMs,
        session.team ?? '',
        censusTagOf(session),
        ...effects.map((effect) => JSON.stringify(effect)),
      ],
    );
  }

  /** The stored session, or null. */
  async load(id: string): Promise<Session | null> {
    writeAtEndOfTick(this.redis);
    const data = await this.redis.hget(this.keys(id).state, 'data');
    if (data === null) return null;
    const session = this.codec.decode(data);
    // Ciphertext copied from another session's key decrypts fine; the id inside must match the key.
    if (session.id !== id) throw new StoredSessionUnreadableError('the stored session belongs to another key');
    return session;
  }

  /** Stores a new session with its first effects, then indexes it by channel; false if the id is taken. */
  async create(session: Session, effects: Effect[]): Promise<boolean> {
    // A new session's keys always get their TTLs (2).
    const created = (await this.runCommit(session, '', effects)) === 2;
    if (created) await this.channels.add(session);
    return created;
  }

  /** Commits `next` if the stored seq is `expectedSeq`: one script call, plus the index TTL in the same round trip. */
  async commit(next: Session, expectedSeq: number, effects: Effect[]): Promise<CommitResult> {
    if (next.seq !== expectedSeq + 1) {
      throw new Error(`commit of session seq ${next.seq} on expected seq ${expectedSeq}: seq must grow by one`);
    }
    writeAtEndOfTick(this.redis);
    const result = await this.runCommit(next, String(expectedSeq), effects);
    if (result === 2) {
      // The session's TTLs were refreshed (commit-4.lua): its channel index and its people's indexes follow.
      await Promise.all([this.channels.touch(next.channel, next.team, this.ttlMs + this.refreshMs), this.people.touch(next.id, participants(next), next.team)]);
      return 'committed';
    }
    if (result === 1) return 'committed';
    if (result === 0) return 'conflict';
    return 'missing';
  }

  /** Ids of the active sessions in a channel (of `team`), oldest first; drops entries of expired sessions. */
  listByChannel(channel: string, team?: string): Promise<string[]> {
    return this.channels.list(channel, team);
  }

  /** Ids in every channel index of the workspace (found by SCAN). */
  listByTeam(team: string): Promise<string[]> {
    return this.channels.listTeam(team);
  }

  /** The workspace kept beside the content (commit-4.lua), readable when the content is not. */
  async teamOf(id: string): Promise<string | undefined> {
    return (await this.redis.hget(this.keys(id).state, 'team')) ?? undefined;
  }

  /** The person's sessions, newest first (indexes.ts). */
  listByPerson(user: string, team?: string): Promise<string[]> {
    return this.people.list(user, team);
  }

  /** Makes `users` the people indexed for the session (indexes.ts); who was taken out. */
  indexPeople(session: Pick<Session, 'id' | 'team' | 'createdAt'>, users: readonly string[]): Promise<string[]> {
    return this.people.sync(session, users);
  }

  /** Takes the session out of the indexes of everyone indexed for it. */
  unindexPeople(sessionId: string, team?: string): Promise<void> {
    return this.people.remove(sessionId, team);
  }

  /** Deletes the workspace's person indexes. */
  forgetPeople(team: string): Promise<void> {
    return this.people.forgetTeam(team);
  }

  /** Effects committed but not yet acknowledged, in order. */
  async outbox(id: string): Promise<OutboxEntry[]> {
    const entries = await this.redis.lrange(this.keys(id).outbox, 0, -1);
    return entries.map((json) => parseStored(outboxEntrySchema, json, 'outbox entry'));
  }

  /** Drops outbox entries up to and including `uptoId`. */
  async ackOutbox(id: string, uptoId: number): Promise<number> {
    return Number(await this.scripts['ack-outbox']([this.keys(id).outbox], [uptoId]));
  }

  /** Sessions whose outbox is not empty (an emptied list no longer exists in Redis). */
  async pendingSessions(): Promise<string[]> {
    const ids = (await scanKeys(this.redis, outboxPattern(this.prefix))).map((key) => sessionIdOf(this.prefix, key));
    return [...new Set(ids.filter((id): id is string => id !== null))];
  }

  /** Takes the session's runner lease for `ms` (from a holder in `takeFrom` too), or renews it for the owner already holding it. */
  async acquireLease(id: string, owner: string, ms: number, takeFrom: readonly string[] = []): Promise<boolean> {
    return (await this.scripts['acquire-lease']([this.keys(id).lease], [owner, Math.max(1, Math.ceil(ms)), ...takeFrom])) === 1;
  }

  /** Takes (or renews) the lease and reads the outbox in one script call. */
  async claimOutbox(id: string, owner: string, ms: number, takeFrom: readonly string[] = []): Promise<OutboxEntry[] | null> {
    const keys = this.keys(id);
    const entries: unknown = await this.scripts['claim-outbox']([keys.lease, keys.outbox], [owner, Math.max(1, Math.ceil(ms)), ...takeFrom]);
    if (!Array.isArray(entries)) return null;
    return entries.map((json) => parseStored(outboxEntrySchema, String(json), 'outbox entry'));
  }

  /** Releases the lease if `owner` still holds it. */
  async releaseLease(id: string, owner: string): Promise<void> {
    await this.scripts['release-lease']([this.keys(id).lease], [owner]);
  }

  /** Remembers a posted message under a stable key. */
  async recordMessage(id: string, key: string, ref: MessageRef): Promise<void> {
    await this.scripts['record-message']([this.keys(id).messages], [key, encodeMessageRef(ref), this.longTtlMs]);
  }

  /** Every message recorded for the session, by key. */
  async messages(id: string): Promise<Record<string, MessageRef>> {
    const stored = await this.redis.hgetall(this.keys(id).messages);
    const refs: Record<string, MessageRef> = {};
    for (const [key, value] of Object.entries(stored)) {
      const ref = decodeMessageRef(value);
      if (ref) refs[key] = ref;
    }
    return refs;
  }

  /** Forgets one recorded message. */
  async forgetMessage(id: string, key: string): Promise<void> {
    await this.redis.hdel(this.keys(id).messages, key);
  }

  /** Marks the purge as begun, then drops the content and leaves the purge record (see module comment). */
  async beginPurge(record: PurgeRecord): Promise<void> {
    const k = this.keys(record.sessionId);
    const purging = purgingKey(this.prefix);
    await this.redis.multi().sadd(purging, record.sessionId).pexpire(purging, this.longTtlMs).exec();
    await Promise.all([
      this.scripts['begin-purge'](
        [k.state, k.outbox, k.outboxSeq, k.messages, k.purge],
        [JSON.stringify(record), this.longTtlMs],
      ),
      this.channels.remove(record.sessionId, record.channel, record.team),
    ]);
  }

  /** Purges that have begun and not finished, oldest close first. */
  pendingPurges(): Promise<PurgeRecord[]> {
    return pendingPurges(this.redis, this.prefix);
  }

  /** Removes every remaining key of the session, then its entries in the indexes and the shared set. */
  finishPurge(id: string): Promise<void> {
    return finishPurge(this.redis, this.prefix, id, { channels: this.channels, people: this.people });
  }

  /** Takes the event: SET NX PX, one command and so atomic on its own (no script needed). */
  async claimEvent(eventId: string, ttlMs: number): Promise<boolean> {
    const taken = await this.redis.set(eventKey(this.prefix, eventId), '1', 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX');
    return taken === 'OK';
  }

  /** Open sessions by format, mode and phase, and what waits in the outboxes (census.ts). */
  census(): Promise<Census> {
    return redisCensus(this.redis, this.prefix);
  }

  /** True when Redis answers PING. */
  async ping(): Promise<boolean> {
    try {
      return (await this.redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  /** Closes the connection the store was given, and waits until it has ended. */
  async close(): Promise<void> {
    await closeConnection(this.redis);
  }
}
