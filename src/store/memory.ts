/**
 * The embedded session store for a single instance without Redis. Same
 * semantics as RedisSessionStore, key for key: every piece expires on its own
 * (on an injectable clock), the messages and purge records outlive the
 * content, sessions are kept as codec strings so callers never share an
 * object with the store. Each method runs without awaiting in between, so it
 * is atomic the way a Lua script is. Event claims: event-claims.ts.
 */
import type { Effect, Session } from '../engine/session';
import type { Census } from '../metrics/metrics';
import { censusTagOf, tallyOutboxes, tallySessions } from './census';
import { jsonCodec } from './codec';
import { EventClaims, MAX_EVENT_CLAIMS } from './event-claims';
import { ExpiringMap } from './expiring-map';
import { MemoryPeople } from './memory-people';
import { outboxEntrySchema, parseStored, purgeRecordSchema } from './schemas';
import {
  type CommitResult,
  type MessageRef,
  type OutboxEntry,
  type PurgeRecord,
  type SessionCodec,
  type SessionStore,
  decodeMessageRef,
  encodeMessageRef,
} from './session-store';
import { DEFAULT_TTL_SECONDS, PURGE_GRACE_MS } from './ttl';
import { participants } from '../engine/queries';

export interface MemorySessionStoreOptions {
  ttlSeconds?: number;
  codec?: SessionCodec;
  /** The clock (ms); tests pass a fake one to see keys expire. */
  now?: () => number;
  /** The most event claims kept at once (default MAX_EVENT_CLAIMS). */
  maxEventClaims?: number;
}

/** Where a channel's sessions are indexed: per workspace when there are several (as Redis keys them). */
function indexOf(channel: string, team: string | undefined): string {
  return team ? `${team}:${channel}` : channel;
}

/** SessionStore in process memory (one instance, no Redis). */
export class MemorySessionStore implements SessionStore {
  private readonly ttlMs: number;
  private readonly longTtlMs: number;
  private readonly codec: SessionCodec;
  private readonly states: ExpiringMap<string, { seq: number; data: string; team?: string; census: string }>;
  private readonly outboxes: ExpiringMap<string, string[]>;
  private readonly outboxSeqs: ExpiringMap<string, number>;
  private readonly messageRecords: ExpiringMap<string, Map<string, string>>;
  private readonly leases: ExpiringMap<string, string>;
  private readonly purges: ExpiringMap<string, string>;
  /** channel (of a workspace: "<team>:<channel>") -> (session id -> createdAt). */
  private readonly channels: ExpiringMap<string, Map<string, number>>;
  private readonly purging: ExpiringMap<'purging', Set<string>>;
  /** The person indexes (memory-people.ts). */
  private readonly people: MemoryPeople;
  private readonly eventClaims: EventClaims;
  private readonly now: () => number;

  constructor(options: MemorySessionStoreOptions = {}) {
    const now = options.now ?? Date.now;
    this.now = now;
    this.eventClaims = new EventClaims(now, Math.max(1, options.maxEventClaims ?? MAX_EVENT_CLAIMS));
    this.ttlMs = (options.ttlSeconds ?? DEFAULT_TTL_SECONDS) * 1000;
    this.longTtlMs = this.ttlMs + PURGE_GRACE_MS;
    this.codec = options.codec ?? jsonCodec;
    this.states = new ExpiringMap(now);
    this.outboxes = new ExpiringMap(now);
    this.outboxSeqs = new ExpiringMap(now);
    this.messageRecords = new ExpiringMap(now);
    this.leases = new ExpiringMap(now);
    this.purges = new ExpiringMap(now);
    this.channels = new ExpiringMap(now);
    this.purging = new ExpiringMap(now);
    this.people = new MemoryPeople(now, this.ttlMs);
  }

  /** The same step as commit-4.lua, minus the seq check. */
  private write(session: Session, effects: Effect[]): void {
    const id = session.id;
    this.states.set(id, { seq: session.seq, data: this.codec.encode(session), ...(session.team ? { team: session.team } : {}), census: censusTagOf(session) }, this.ttlMs);
    if (effects.length > 0) {
      const outbox = this.outboxes.get(id) ?? [];
      let lastId = this.outboxSeqs.get(id) ?? 0;
      const at = this.now();
      for (const effect of effects) {
        lastId += 1;
        outbox.push(JSON.stringify({ id: lastId, at, effect }));
      }
      this.outboxes.set(id, outbox, this.ttlMs);
      this.outboxSeqs.set(id, lastId, this.ttlMs);
    }
    this.outboxes.touch(id, this.ttlMs);
    this.outboxSeqs.touch(id, this.ttlMs);
    this.messageRecords.touch(id, this.longTtlMs);
    this.channels.touch(indexOf(session.channel, session.team), this.ttlMs);
    this.people.touch(id, participants(session), session.team);
  }

  /** The stored session, or null. */
  async load(id: string): Promise<Session | null> {
    const state = this.states.get(id);
    return state ? this.codec.decode(state.data) : null;
  }

  /** Stores a new session and indexes it by channel; false if the id is taken. */
  async create(session: Session, effects: Effect[]): Promise<boolean> {
    if (this.states.has(session.id)) return false;
    this.write(session, effects);
    const index = this.channels.get(indexOf(session.channel, session.team)) ?? new Map<string, number>();
    if (!index.has(session.id)) index.set(session.id, session.createdAt);
    this.channels.set(indexOf(session.channel, session.team), index, this.ttlMs);
    return true;
  }

  /** Commits `next` if the stored seq is `expectedSeq`. */
  async commit(next: Session, expectedSeq: number, effects: Effect[]): Promise<CommitResult> {
    if (next.seq !== expectedSeq + 1) {
      throw new Error(`commit of session seq ${next.seq} on expected seq ${expectedSeq}: seq must grow by one`);
    }
    const state = this.states.get(next.id);
    if (!state) return 'missing';
    if (state.seq !== expectedSeq) return 'conflict';
    this.write(next, effects);
    return 'committed';
  }

  /** Ids of the active sessions in a channel (of `team`), oldest first; drops entries of expired sessions. */
  async listByChannel(channel: string, team?: string): Promise<string[]> {
    const index = this.channels.get(indexOf(channel, team));
    if (!index) return [];
    for (const id of [...index.keys()]) if (!this.states.has(id)) index.delete(id);
    // Same order as a Redis zset: by score, then by member.
    return [...index.entries()]
      .sort(([a, x], [b, y]) => x - y || (a < b ? -1 : a > b ? 1 : 0))
      .map(([id]) => id);
  }

  /** Ids in every channel index of the workspace. */
  async listByTeam(team: string): Promise<string[]> {
    const indexes = this.channels.keys().filter((key) => key.startsWith(`${team}:`));
    return [...new Set(indexes.flatMap((key) => [...(this.channels.get(key)?.keys() ?? [])]))];
  }

  /** The workspace kept beside the content, readable when the content is not. */
  async teamOf(id: string): Promise<string | undefined> {
    return this.states.get(id)?.team;
  }

  /** The person's sessions, newest first; drops entries of sessions that are gone. */
  async listByPerson(user: string, team?: string): Promise<string[]> {
    return this.people.list(user, team, (id) => this.states.has(id));
  }

  /** Makes `users` the people indexed for the session; who was taken out. */
  async indexPeople(session: Pick<Session, 'id' | 'team' | 'createdAt'>, users: readonly string[]): Promise<string[]> {
    return this.people.sync(session, users);
  }

  /** Takes the session out of the index of everyone indexed for it. */
  async unindexPeople(sessionId: string, team?: string): Promise<void> {
    this.people.remove(sessionId, team);
  }

  /** Drops the workspace's person indexes. */
  async forgetPeople(team: string): Promise<void> {
    this.people.forgetTeam(team);
  }

  /** Effects committed but not yet acknowledged, in order. */
  async outbox(id: string): Promise<OutboxEntry[]> {
    return (this.outboxes.get(id) ?? []).map((json) => parseStored(outboxEntrySchema, json, 'outbox entry'));
  }

  /** Drops outbox entries up to and including `uptoId`. */
  async ackOutbox(id: string, uptoId: number): Promise<number> {
    const outbox = this.outboxes.get(id);
    if (!outbox) return 0;
    while (outbox.length > 0 && parseStored(outboxEntrySchema, outbox[0] ?? '', 'outbox entry').id <= uptoId) {
      outbox.shift();
    }
    // Like Redis, an emptied list is gone.
    if (outbox.length === 0) this.outboxes.delete(id);
    return outbox.length;
  }

  /** Sessions whose outbox is not empty. */
  async pendingSessions(): Promise<string[]> {
    return this.outboxes.keys();
  }

  /** Takes the session's runner lease for `ms` (from a holder in `takeFrom` too), or renews it for the owner already holding it. */
  async acquireLease(id: string, owner: string, ms: number, takeFrom: readonly string[] = []): Promise<boolean> {
    const holder = this.leases.get(id);
    if (holder !== undefined && holder !== owner && !takeFrom.includes(holder)) return false;
    this.leases.set(id, owner, Math.max(1, Math.ceil(ms)));
    return true;
  }

  /** Takes (or renews) the lease and reads the outbox in one step. */
  async claimOutbox(id: string, owner: string, ms: number, takeFrom: readonly string[] = []): Promise<OutboxEntry[] | null> {
    return (await this.acquireLease(id, owner, ms, takeFrom)) ? this.outbox(id) : null;
  }

  /** Releases the lease if `owner` still holds it. */
  async releaseLease(id: string, owner: string): Promise<void> {
    if (this.leases.get(id) === owner) this.leases.delete(id);
  }

  /** Remembers a posted message under a stable key. */
  async recordMessage(id: string, key: string, ref: MessageRef): Promise<void> {
    const record = this.messageRecords.get(id) ?? new Map<string, string>();
    record.set(key, encodeMessageRef(ref));
    this.messageRecords.set(id, record, this.longTtlMs);
  }

  /** Every message recorded for the session, by key. */
  async messages(id: string): Promise<Record<string, MessageRef>> {
    const refs: Record<string, MessageRef> = {};
    for (const [key, value] of this.messageRecords.get(id) ?? []) {
      const ref = decodeMessageRef(value);
      if (ref) refs[key] = ref;
    }
    return refs;
  }

  /** Forgets one recorded message. */
  async forgetMessage(id: string, key: string): Promise<void> {
    const record = this.messageRecords.get(id);
    record?.delete(key);
    if (record && record.size === 0) this.messageRecords.delete(id);
  }

  /** Drops the content and leaves the content-free purge record. */
  async beginPurge(record: PurgeRecord): Promise<void> {
    const id = record.sessionId;
    const purging = this.purging.get('purging') ?? new Set<string>();
    purging.add(id);
    this.purging.set('purging', purging, this.longTtlMs);
    this.states.delete(id);
    this.outboxes.delete(id);
    this.outboxSeqs.delete(id);
    this.purges.set(id, JSON.stringify(record), this.longTtlMs);
    this.messageRecords.touch(id, this.longTtlMs);
    this.channels.get(indexOf(record.channel, record.team))?.delete(id);
  }

  /** Purges that have begun and not finished, oldest close first. */
  async pendingPurges(): Promise<PurgeRecord[]> {
    const purging = this.purging.get('purging');
    if (!purging) return [];
    const records: PurgeRecord[] = [];
    for (const id of [...purging]) {
      const json = this.purges.get(id);
      if (json) records.push(parseStored(purgeRecordSchema, json, 'purge record'));
      else if (!this.states.has(id)) purging.delete(id);
    }
    return records.sort((a, b) => a.closedAt - b.closedAt);
  }

  /** Removes every remaining piece of the session. */
  async finishPurge(id: string): Promise<void> {
    const json = this.purges.get(id);
    const record = json ? parseStored(purgeRecordSchema, json, 'purge record') : undefined;
    if (record) this.channels.get(indexOf(record.channel, record.team))?.delete(id);
    this.people.remove(id, record?.team);
    for (const map of [this.states, this.outboxes, this.outboxSeqs, this.messageRecords, this.leases, this.purges]) {
      map.delete(id);
    }
    this.purging.get('purging')?.delete(id);
  }

  /** Takes the event unless a live claim holds it (event-claims.ts). */
  async claimEvent(eventId: string, ttlMs: number): Promise<boolean> {
    return this.eventClaims.claim(eventId, ttlMs);
  }

  /** Open sessions by format, mode and phase, and what waits in the outboxes. */
  async census(): Promise<Census> {
    const outboxes = this.outboxes.keys().map((id) => this.outboxes.get(id) ?? []);
    return {
      sessions: tallySessions(this.states.keys().map((id) => this.states.get(id)?.census)),
      outbox: tallyOutboxes(outboxes.map((entries) => ({ length: entries.length, oldest: entries[0] }))),
    };
  }

  /** Always answers: the store is in this process. */
  async ping(): Promise<boolean> {
    return true;
  }

  /** Nothing to close. */
  async close(): Promise<void> {}
}
